using System.Text.Json;
using FedAvg.Common.Storage;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Stopping a run for good. Terminating its orchestration is not enough: the durable backend still
/// delivers the activities the run had already queued, and each would train (or evaluate) for nobody,
/// now or whenever an engine next starts. So a marker blob is written first, and every activity looks
/// for it before working (and again after waiting for the CPU) and fails at once when it is there.
/// A run that was never stopped has no marker, so its activities do exactly what they did before.
/// </summary>
public static class RunStop
{
    /// <summary>Writes the marker; call before terminating, so no activity can start unmarked after the terminate.</summary>
    public static async Task MarkAsync(FedAvgStorage storage, string runId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var marker = new RunStopMarker(runId, reason, DateTimeOffset.UtcNow);
        await FedAvgStorage.UploadAsync(storage.Runs, BlobNames.StopMarker(runId),
            s => JsonSerializer.Serialize(s, marker, JsonDefaults.Options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the run, then terminates its orchestration (<c>fedavg runs --stop</c> and
    /// <c>POST /api/runs/{id}/stop</c>); the terminate takes effect once an engine's orchestration
    /// dispatcher sees it.
    /// </summary>
    public static async Task RequestAsync(DurableTaskClient client, FedAvgStorage storage, string runId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);

        // Marker first: an activity dequeued between the two steps must already find it.
        await MarkAsync(storage, runId, reason, cancellationToken).ConfigureAwait(false);
        await client.TerminateInstanceAsync(runId, reason, cancellationToken).ConfigureAwait(false);
    }

    public static Task<bool> IsMarkedAsync(FedAvgStorage storage, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return FedAvgStorage.ExistsAsync(storage.Runs, BlobNames.StopMarker(runId), cancellationToken);
    }

    /// <exception cref="RunStoppedException">The run was stopped.</exception>
    public static async Task ThrowIfStoppedAsync(FedAvgStorage storage, string runId)
    {
        if (await IsMarkedAsync(storage, runId).ConfigureAwait(false))
        {
            throw RunStoppedException.For(runId);
        }
    }
}
