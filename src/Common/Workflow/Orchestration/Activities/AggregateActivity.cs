using System.Diagnostics;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// The aggregate of the round's updates becomes the new global model, after the server optimiser's step. An update that
/// cannot be read or is rejected (NaN, wrong shape, wrong architecture) is left out and reported. The robust
/// aggregators (median, trimmed mean, Krum) and DP-FedAvg read the whole round into memory (<see cref="RobustAggregation"/>,
/// <see cref="PrivateAggregation"/>); the
/// default sample-weighted mean streams. Its updates are downloaded a few at a time in parallel and folded into running sums in client order as they
/// arrive (<see cref="FedAvgAccumulator"/>), so memory stays at a few models whatever the number of clients,
/// and the result is bit for bit <see cref="FedAvgAggregator.Average(IReadOnlyList{ClientUpdate})"/> of the
/// accepted updates in client order. Given a fan-in tree's group sums (<see cref="SumUpdatesActivity"/>), it combines
/// those instead.
/// </summary>
public sealed class AggregateActivity(FedAvgRuntime runtime) : TaskActivity<AggregateInput, AggregateResult>
{
    public override async Task<AggregateResult> RunAsync(TaskActivityContext context, AggregateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        var storage = runtime.Storage;
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        var streaming = Stopwatch.StartNew();
        var folding = new Stopwatch();
        var rejected = new List<ClientFailure>();
        var remaining = input.Updates.OrderBy(u => u.Client).ToList();
        ModelWeights? average = null;
        long bytes = 0;
        string? error = null;
        var options = input.Aggregation ?? new AggregatorOptions();
        RoundPrivacy? privacy = null;
        bool inMemory = options.Aggregator != UpdateAggregators.FedAvg || input.Privacy is not null;
        if (input.Privacy is { } dp)
        {
            (average, bytes, error, privacy) = await PrivateAggregation.RunAsync(input, dp, remaining, rejected, ReadAsync,
                () => ModelBlobs.ReadAsync(storage.Models, input.PreviousGlobalBlob, CancellationToken.None), folding).ConfigureAwait(false);
        }
        else if (inMemory)
        {
            (average, bytes, error) = await RobustAggregation.RunAsync(input, options, remaining, rejected, ReadAsync, folding).ConfigureAwait(false);
        }
        else if (input.Partials is { Count: > 0 } partials)
        {
            (average, bytes) = await CombineAsync(partials, remaining.Sum(u => (long)u.Samples), folding).ConfigureAwait(false);
        }

        // A rejection changes every share, so the pass that finds one checks the rest without folding them, and the
        // next pass starts over without the rejected: two passes when something is wrong, one when nothing is.
        while (!inMemory && remaining.Count >= input.MinUpdates && remaining.Count > 0 && average is null)
        {
            var accumulator = new FedAvgAccumulator(remaining.Sum(u => (long)u.Samples));
            (var rejectedNow, bytes) = await StreamedFold.RunAsync(storage, input.Round, remaining, accumulator, folding).ConfigureAwait(false);
            if (rejectedNow.Count == 0)
            {
                folding.Start();
                average = accumulator.Mean();
                folding.Stop();
            }
            else
            {
                rejected.AddRange(rejectedNow);
                remaining.RemoveAll(u => rejectedNow.Any(r => r.Client == u.Client));
            }
        }

        streaming.Stop();
        var compute = new Stopwatch();
        var transfer = new Stopwatch();
        if (average is null)
        {
            return new AggregateResult(null, null, [], rejected, folding.Elapsed.TotalSeconds, (streaming.Elapsed - folding.Elapsed).TotalSeconds, 0,
                new ActivityTiming(started, DateTimeOffset.UtcNow), Error: error);
        }

        string? momentumBlob = null;
        string? secondMomentBlob = null;
        var global = average;
        var state = input.Server;
        var server = new ServerOptimizerOptions { LearningRate = input.ServerLearningRate, Momentum = input.ServerMomentum };
        server = state is null ? server : server with { Optimizer = state.Optimizer, Beta1 = state.Beta1, Beta2 = state.Beta2, Tau = state.Tau };
        if (!server.IsPlainFedAvg)
        {
            transfer.Start();
            var previous = await ModelBlobs.ReadAsync(storage.Models, input.PreviousGlobalBlob, CancellationToken.None).ConfigureAwait(false);
            var momentum = await ReadStateAsync(input.PreviousMomentumBlob).ConfigureAwait(false);
            var secondMoment = await ReadStateAsync(state?.PreviousSecondMomentBlob).ConfigureAwait(false);
            transfer.Stop();
            compute.Start();
            var step = ServerOptimizer.Step(previous, average, momentum, secondMoment, server);
            compute.Stop();
            global = step.Global;

            // State blobs are named by the round: a retry or a resumed run rewrites this round's and reads the last round's.
            momentumBlob = BlobNames.ServerMomentum(input.RunId, input.Round);
            transfer.Start();
            await ModelBlobs.WriteAsync(storage.Runs, momentumBlob, step.Momentum, CancellationToken.None).ConfigureAwait(false);
            if (step.SecondMoment is { } second)
            {
                secondMomentBlob = BlobNames.ServerSecondMoment(input.RunId, input.Round);
                await ModelBlobs.WriteAsync(storage.Runs, secondMomentBlob, second, CancellationToken.None).ConfigureAwait(false);
            }

            transfer.Stop();
        }

        string? controlBlob = null;
        if (state is { Scaffold: true })
        {
            transfer.Start();
            controlBlob = await UpdateServerControlAsync(input, state, remaining).ConfigureAwait(false);
            transfer.Stop();
        }

        transfer.Start();
        string globalBlob = BlobNames.GlobalModel(input.RunId, input.Round);
        await ModelBlobs.WriteAsync(storage.Models, globalBlob, global, CancellationToken.None).ConfigureAwait(false);
        transfer.Stop();
        return new AggregateResult(globalBlob, momentumBlob, [.. remaining.Select(u => u.Client)], rejected,
            (folding.Elapsed + compute.Elapsed).TotalSeconds, (streaming.Elapsed - folding.Elapsed + transfer.Elapsed).TotalSeconds,
            bytes, new ActivityTiming(started, DateTimeOffset.UtcNow), SecondMomentBlob: secondMomentBlob, ServerControlBlob: controlBlob, Privacy: privacy);
    }

    /// <summary>The fan-in tree's root: the groups' sums, read a few at a time and added in group order.</summary>
    private async Task<(ModelWeights Mean, long Bytes)> CombineAsync(IReadOnlyList<PartialSumRef> partials, long roundSamples, Stopwatch folding)
    {
        var sums = new FedAvgPartialSums(roundSamples);
        long bytes = 0;
        await OrderedDownloads.ForEachAsync(partials, FedAvgStorage.MaxParallelTransfers,
            partial => ModelBlobs.ReadAsync(runtime.Storage.Runs, partial.Blob, CancellationToken.None), (partial, weights) =>
            {
                folding.Start();
                sums.Add(weights, partial.Samples);
                bytes += weights.ByteCount;
                folding.Stop();
            }).ConfigureAwait(false);
        folding.Start();
        var mean = sums.Mean();
        folding.Stop();
        return (mean, bytes);
    }

    private async Task<ModelWeights?> ReadStateAsync(string? blob) =>
        blob is null ? null : await ModelBlobs.ReadAsync(runtime.Storage.Runs, blob, CancellationToken.None).ConfigureAwait(false);

    /// <summary>SCAFFOLD: c⁺ = c + (1/N)·Σ (c_i⁺ − c_i) over the accepted clients, in client order.</summary>
    private async Task<string> UpdateServerControlAsync(AggregateInput input, ServerStateInput state, IReadOnlyList<UpdateRef> accepted)
    {
        var control = new ScaffoldServerControl();
        foreach (UpdateRef update in accepted)
        {
            string blob = update.ControlDeltaBlob
                ?? throw new InvalidOperationException($"Client {update.Client} trained without SCAFFOLD's control delta in a SCAFFOLD run.");
            control.Add(await ModelBlobs.ReadAsync(runtime.Storage.Runs, blob, CancellationToken.None).ConfigureAwait(false));
        }

        var updated = control.Result(await ReadStateAsync(state.PreviousServerControlBlob).ConfigureAwait(false), state.Clients);
        string written = BlobNames.ServerControl(input.RunId, input.Round);
        await ModelBlobs.WriteAsync(runtime.Storage.Runs, written, updated, CancellationToken.None).ConfigureAwait(false);
        return written;
    }

    private Task<(ModelWeights? Weights, string? Error)> ReadAsync(UpdateRef update) => StreamedFold.TryReadAsync(runtime.Storage, update);
}
