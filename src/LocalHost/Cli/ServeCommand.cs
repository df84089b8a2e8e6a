using System.Net;
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

    public static ServeArguments Read(IReadOnlyList<string> args)
    {
        var reader = ArgumentReader.Parse("serve", args, ["--help"], ["--port", DataFolderOption.Flag]);
        return new ServeArguments(reader.Int("--port", 1, 65535) ?? DefaultPort, DataFolderOption.ReadOrLocate(reader));
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
        await using WebApplication app = ServeApp.Build(args.Port, runtime.Client, runtime.Predictions, runtime.Blobs, address);
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
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
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
