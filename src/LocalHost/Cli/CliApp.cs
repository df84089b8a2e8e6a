using System.Runtime.InteropServices;

namespace FedAvg.LocalHost.Cli;

/// <summary>The <c>fedavg</c> entry point: picks the command, turns usage errors into one line and exit code 2.</summary>
internal static class CliApp
{
    public static int Run(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops gracefully (the run stays resumable); a second one does not wait.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };

        return RunAsync(args, Console.Out, Console.Error, stop.Token).GetAwaiter().GetResult();
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            await stdout.WriteLineAsync(HelpText.Overview);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        string command = args[0];
        string[] rest = [.. args.Skip(1)];
        bool help = rest.Contains("--help") || rest.Contains("-h");
        try
        {
            return command switch
            {
                "train" when help => await PrintAsync(stdout, HelpText.Train),
                "serve" when help => await PrintAsync(stdout, HelpText.Serve),
                "predict" when help => await PrintAsync(stdout, HelpText.Predict),
                "partition" when help => await PrintAsync(stdout, HelpText.Partition),
                "bench" when help => await PrintAsync(stdout, HelpText.Bench),
                "runs" when help => await PrintAsync(stdout, HelpText.Runs),
                "worker" when help => await PrintAsync(stdout, HelpText.Worker),
                "train" => await TrainCommand.RunAsync(TrainFlags.Read(rest), stdout, stderr, cancellationToken),
                "serve" => await ServeCommand.RunAsync(ServeCommand.Read(rest), stdout, stderr, cancellationToken),
                "predict" => await PredictCommand.RunAsync(PredictCommand.Read(rest), stdout, stderr, cancellationToken),
                "partition" => await PartitionCommand.RunAsync(PartitionCommand.Read(rest), stdout, cancellationToken),
                "bench" => await BenchCommand.RunAsync(rest, stdout, stderr, cancellationToken),
                "runs" => await RunsCommand.RunAsync(RunsCommand.Read(rest), stdout, stderr, cancellationToken),
                "worker" => await WorkerCommand.RunAsync(WorkerCommand.Read(rest), stdout, stderr, cancellationToken),
                _ => throw new UsageException($"unknown command '{command}' (commands: train, serve, predict, partition, bench, runs, worker)"),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"fedavg: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("fedavg: stopped");
            return ExitCodes.Interrupted;
        }
    }

    private static async Task<int> PrintAsync(TextWriter stdout, string text)
    {
        await stdout.WriteLineAsync(text);
        return ExitCodes.Success;
    }
}
