using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Runs;

/// <summary>
/// Stops unfinished runs for good: each gets its stop marker (so the activities it already queued
/// return at once wherever they are delivered), then its orchestration is terminated.
/// </summary>
internal static class RunStopper
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Marks and terminates; the terminate takes effect once an engine's orchestration dispatcher sees it.</summary>
    public static async Task RequestAsync(DurableTaskClient client, FedAvgStorage blobs, string id, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // Marker first: an activity dequeued between the two steps must already find it.
        await RunStop.MarkAsync(blobs, id, reason, cancellationToken);
        await client.TerminateInstanceAsync(id, reason, cancellationToken);
    }

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
