using System.Globalization;
using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Hosting;

/// <summary>
/// <c>fedavg worker</c>: joins the task hub of the local state (the storage of a running <c>fedavg serve</c> or
/// <c>train</c> in the same folder, or <c>AzureWebJobsStorage</c>) and runs activities for its runs until stopped,
/// one line per activity. Orchestrations stay with the process that drives them; any number of workers share them.
/// A worker killed mid-activity loses nothing: the activity's queue message reappears once its lock lapses, and
/// another process runs it (its outputs are named by run, round and client, so the retry overwrites them).
/// </summary>
internal static class WorkerHost
{
    public static async Task RunAsync(string? dataFolder, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        await using var runtime = await LocalRuntime.OpenAsync(dataFolder, new DownloadReporter(stderr), cancellationToken);
        var lines = TextWriter.Synchronized(stdout);
        var observer = new ActivityObserver(
            (name, input) => lines.WriteLine($"fedavg worker: {name} {Describe(input)} started"),
            (name, input, elapsed, error) => lines.WriteLine(error is null
                ? string.Create(CultureInfo.InvariantCulture, $"fedavg worker: {name} {Describe(input)} done in {elapsed.TotalSeconds:F1} s")
                : $"fedavg worker: {name} {Describe(input)} failed: {error.Message}"));
        await runtime.StartActivitiesOnlyAsync(observer, cancellationToken);
        await lines.WriteLineAsync($"fedavg worker: running activities for the runs in {runtime.StorageDescription}; Ctrl+C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(object? input) => input switch
    {
        TrainClientInput train => $"run {train.RunId} round {train.Round} client {train.Client}",
        AggregateInput aggregate => $"run {aggregate.RunId} round {aggregate.Round}",
        EvaluateInput evaluate => $"run {evaluate.RunId} round {evaluate.Round}",
        DiscardUpdatesInput discard => $"run {discard.RunId} round {discard.Round}",
        PrepareRunInput prepare => $"run {prepare.RunId}",
        CompleteRunInput complete => $"run {complete.RunId}",
        _ => string.Empty,
    };
}
