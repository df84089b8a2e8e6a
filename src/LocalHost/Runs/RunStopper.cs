using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Runs;

/// <summary>
/// Stops unfinished runs for good through <see cref="RunStop"/> (marker, then terminate), and waits
/// for a terminate to take effect.
/// </summary>
internal static class RunStopper
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Marks and terminates (the same path as <c>POST /api/runs/{id}/stop</c>).</summary>
    public static Task RequestAsync(DurableTaskClient client, FedAvgStorage blobs, string id, string reason, CancellationToken cancellationToken) =>
        RunStop.RequestAsync(client, blobs, id, reason, cancellationToken);

    /// <summary>The run once it has finished, or null if it still has not after <paramref name="patience"/>.</summary>
    public static async Task<OrchestrationMetadata?> WaitAsync(DurableTaskClient client, string id, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        try
        {
            return await RunWatcher.WatchAsync(client, id, PollInterval, _ => Task.CompletedTask, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
