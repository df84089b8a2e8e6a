using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// Deletes a round's client updates (and the server momentum it superseded) once the orchestrator has recorded the
/// round's aggregate, so a run's storage grows by one global model a round, not by a round's worth of updates.
/// The orchestrator schedules this only after the aggregate's result is in its history: a replay never runs that
/// aggregation again, so nothing deleted here can still be needed. Deleting what is already gone is no error, so
/// a retry or a replay after a crash is harmless.
/// </summary>
public sealed class DiscardUpdatesActivity(FedAvgRuntime runtime) : TaskActivity<DiscardUpdatesInput, DiscardUpdatesResult>
{
    public override async Task<DiscardUpdatesResult> RunAsync(TaskActivityContext context, DiscardUpdatesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        if (runtime.Options.KeepClientUpdates)
        {
            return new DiscardUpdatesResult(0, 0, Kept: true, new ActivityTiming(started, started));
        }

        var storage = runtime.Storage;
        var (blobs, bytes) = await FedAvgStorage.DeletePrefixAsync(storage.Runs, BlobNames.RoundUpdates(input.RunId, input.Round)).ConfigureAwait(false);
        if (input.ObsoletePrefix is { } prefix)
        {
            var (more, moreBytes) = await FedAvgStorage.DeletePrefixAsync(storage.Runs, prefix).ConfigureAwait(false);
            blobs += more;
            bytes += moreBytes;
        }

        foreach (string obsolete in input.ObsoleteBlobs)
        {
            if (await FedAvgStorage.DeleteIfExistsAsync(storage.Runs, obsolete).ConfigureAwait(false))
            {
                blobs++;
            }
        }

        return new DiscardUpdatesResult(blobs, bytes, Kept: false, new ActivityTiming(started, DateTimeOffset.UtcNow));
    }
}
