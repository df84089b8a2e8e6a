using System.CommandLine;
using System.Net;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Hosting;
using FedAvg.LocalHost.Runs;
using FedAvg.LocalHost.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg serve</c>: the HTTP API on the local durable engine until Ctrl+C.</summary>
internal static class ServeCommand
{
    public const int DefaultPort = 7071;

    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = $"loopback port to listen on (default {DefaultPort})",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultPort,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError($"{result.IdentifierToken?.Value ?? port.Name} must be between 1 and 65535");
            }
        });
        var data = DataFolderOption.Create();
        var command = new Command("serve", $"the HTTP API of the Functions app on 127.0.0.1 ({ListenAddress.Variable}=0.0.0.0 listens on every " +
            "interface, as the container image does), and the dashboard at /: POST /api/train, GET /api/train/schema, " +
            "GET /api/runs/{id}, POST /api/predict and the Durable Functions status routes under /runtime/webhooks/durabletask; " +
            "OpenAPI at /openapi/v1.json, docs at /docs. Unfinished runs resume on start (fedavg runs lists them).")
        {
            port,
            data,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ServeArguments(parse.GetValue(port), DataFolderOption.ReadOrLocate(parse.GetValue(data))),
            FedavgCommand.Out(parse),
            FedavgCommand.Error(parse),
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ServeArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // Checked first so a busy port fails in a moment, not after Azurite and the engine have started.
        IPAddress address = ListenAddress.FromEnvironment();
        if (!PortProbe.IsFree(address, args.Port))
        {
            return await PortBusyAsync(address, args.Port, stderr);
        }

        await using var runtime = await LocalRuntime.StartAsync(args.DataFolder, new DownloadReporter(stderr), cancellationToken);
        var labels = TrainingLabels.From(runtime.Blobs, _ => Task.FromResult(runtime.DataFolder));
        await using WebApplication app = ServeApp.Build(args.Port, runtime.Client, runtime.Predictions, runtime.Blobs, address, labels);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            return await PortBusyAsync(address, args.Port, stderr);
        }

        await stdout.WriteLineAsync($"fedavg: serving on http://{ListenAddress.Display(address, args.Port)} (dashboard at /, docs at /docs), state in {runtime.StorageDescription}; Ctrl+C stops");
        await ReportResumedAsync(runtime.Client, stdout, cancellationToken);
        try
        {
            // Serving ends with Ctrl+C, or in one line when the storage goes away underneath.
            await runtime.WhileStorageAnswersAsync(async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return true;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    // The engine picks unfinished runs up by itself; saying so tells the user why the CPU is busy.
    private static async Task ReportResumedAsync(DurableTaskClient client, TextWriter stdout, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> unfinished = await RunQueries.UnfinishedAsync(client, cancellationToken);
        if (unfinished.Count > 0)
        {
            await stdout.WriteLineAsync(
                $"fedavg: resuming {unfinished.Count} unfinished run(s): {string.Join(", ", unfinished)} " +
                $"(fedavg runs {RunsCommand.StopUnfinished} stops them)");
        }
    }

    private static async Task<int> PortBusyAsync(IPAddress address, int port, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"fedavg: port {port} on {address} is already in use; choose another with --port");
        return ExitCodes.Failure;
    }
}
