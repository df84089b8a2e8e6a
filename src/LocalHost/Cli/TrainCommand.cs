namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg train</c>: runs the FedAvg orchestration on the local engine and reports it.</summary>
internal static class TrainCommand
{
    public static async Task<int> RunAsync(TrainArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);

        // TODO(issue 4): schedule FedAvgTasks' orchestration once FedAvg.Common.Orchestration lands on main.
        await stderr.WriteLineAsync("fedavg: train is not available yet (it needs the FedAvg orchestration)");
        return ExitCodes.Failure;
    }
}
