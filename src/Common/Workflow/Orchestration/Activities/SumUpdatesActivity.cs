using System.Diagnostics;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// A leaf of the fan-in tree: streams one group of a round's updates into running sums, each update weighted by its
/// share of the whole round, and writes the sums for <see cref="AggregateActivity"/> to combine. Groups run in parallel on
/// any worker; each holds a few models, whatever the round's size. An update that cannot be read or is rejected (NaN,
/// wrong shape) leaves no sums: the rest of the group is only checked, and the orchestrator sums the round again
/// without it, as the one-activity fold does in its second pass.
/// </summary>
public sealed class SumUpdatesActivity(FedAvgRuntime runtime) : TaskActivity<SumUpdatesInput, SumUpdatesResult>
{
    public override async Task<SumUpdatesResult> RunAsync(TaskActivityContext context, SumUpdatesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        var storage = runtime.Storage;
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        var streaming = Stopwatch.StartNew();
        var folding = new Stopwatch();
        var accumulator = new FedAvgAccumulator(input.RoundSamples);
        var (rejected, bytes) = await StreamedFold.RunAsync(storage, input.Round, input.Updates, accumulator, folding).ConfigureAwait(false);
        long samples = input.Updates.Sum(u => (long)u.Samples);
        string? blob = null;
        if (rejected.Count == 0 && input.Updates.Count > 0)
        {
            folding.Start();
            ModelWeights sums = accumulator.PartialSums();
            folding.Stop();
            blob = BlobNames.PartialSum(input.RunId, input.Round, input.Group);
            await ModelBlobs.WriteAsync(storage.Runs, blob, sums, CancellationToken.None).ConfigureAwait(false);
        }

        streaming.Stop();
        return new SumUpdatesResult(input.Group, blob, samples, rejected, folding.Elapsed.TotalSeconds,
            (streaming.Elapsed - folding.Elapsed).TotalSeconds, bytes, new ActivityTiming(started, DateTimeOffset.UtcNow));
    }
}
