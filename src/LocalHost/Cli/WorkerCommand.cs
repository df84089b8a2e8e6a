using FedAvg.LocalHost.Hosting;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg worker</c>: activities for the runs of the local state until Ctrl+C (see <see cref="WorkerHost"/>).</summary>
internal static class WorkerCommand
{
    /// <returns>The CIFAR-10 folder to import from, if this worker is the one that prepares a run.</returns>
    public static string? Read(IReadOnlyList<string> args)
    {
        var reader = ArgumentReader.Parse("worker", args, ["--help"], [DataFolderOption.Flag]);
        return DataFolderOption.ReadOrLocate(reader);
    }

    public static async Task<int> RunAsync(string? dataFolder, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await WorkerHost.RunAsync(dataFolder, stdout, stderr, cancellationToken);
        return ExitCodes.Success;
    }
}
