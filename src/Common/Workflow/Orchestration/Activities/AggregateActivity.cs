using System.Diagnostics;
using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// The sample-weighted average of the round's updates becomes the new global model. An update that
/// cannot be read or is rejected (NaN, wrong shape, wrong architecture) is left out and reported.
/// </summary>
public sealed class AggregateActivity(FedAvgRuntime runtime) : TaskActivity<AggregateInput, AggregateResult>
{
    public override async Task<AggregateResult> RunAsync(TaskActivityContext context, AggregateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = DateTimeOffset.UtcNow;
        var storage = runtime.Storage;
        await RunStop.ThrowIfStoppedAsync(storage, input.RunId).ConfigureAwait(false);
        var transfer = Stopwatch.StartNew();
        var rejected = new List<ClientFailure>();
        var updates = new List<ClientUpdate>();
        foreach (var update in input.Updates.OrderBy(u => u.Client))
        {
            try
            {
                var weights = await ModelBlobs.ReadAsync(storage.Runs, update.Blob, CancellationToken.None).ConfigureAwait(false);
                updates.Add(new ClientUpdate(Id(update.Client), weights, update.Samples));
            }
            catch (Exception e) when (e is ModelStateException or BlobMissingException)
            {
                rejected.Add(new ClientFailure(input.Round, update.Client, $"update unreadable: {e.Message}"));
            }
        }

        transfer.Stop();
        var compute = Stopwatch.StartNew();
        ModelWeights? average = null;
        while (updates.Count >= input.MinUpdates && average is null)
        {
            try
            {
                average = FedAvgAggregator.Average(updates);
            }
            catch (AggregationException e) when (updates.Any(u => u.ClientId == e.ClientId))
            {
                updates.RemoveAll(u => u.ClientId == e.ClientId);
                rejected.Add(new ClientFailure(input.Round, int.Parse(e.ClientId!, CultureInfo.InvariantCulture), $"update rejected: {e.Message}"));
            }
        }

        if (average is null)
        {
            return new AggregateResult(null, null, [], rejected, compute.Elapsed.TotalSeconds, transfer.Elapsed.TotalSeconds, 0,
                new ActivityTiming(started, DateTimeOffset.UtcNow));
        }

        string? momentumBlob = null;
        var global = average;
        var server = new ServerOptimizerOptions { LearningRate = input.ServerLearningRate, Momentum = input.ServerMomentum };
        if (!server.IsPlainFedAvg)
        {
            transfer.Start();
            var previous = await ModelBlobs.ReadAsync(storage.Models, input.PreviousGlobalBlob, CancellationToken.None).ConfigureAwait(false);
            var momentum = input.PreviousMomentumBlob is null
                ? null
                : await ModelBlobs.ReadAsync(storage.Runs, input.PreviousMomentumBlob, CancellationToken.None).ConfigureAwait(false);
            transfer.Stop();
            var step = ServerOptimizer.Step(previous, average, momentum, server);
            global = step.Global;
            momentumBlob = BlobNames.ServerMomentum(input.RunId, input.Round);
            transfer.Start();
            await ModelBlobs.WriteAsync(storage.Runs, momentumBlob, step.Momentum, CancellationToken.None).ConfigureAwait(false);
            transfer.Stop();
        }

        compute.Stop();
        transfer.Start();
        string globalBlob = BlobNames.GlobalModel(input.RunId, input.Round);
        await ModelBlobs.WriteAsync(storage.Models, globalBlob, global, CancellationToken.None).ConfigureAwait(false);
        transfer.Stop();
        return new AggregateResult(globalBlob, momentumBlob, updates.Select(u => int.Parse(u.ClientId, CultureInfo.InvariantCulture)).ToList(), rejected,
            compute.Elapsed.TotalSeconds, transfer.Elapsed.TotalSeconds, updates.Sum(u => u.Weights.ByteCount), new ActivityTiming(started, DateTimeOffset.UtcNow));
    }

    private static string Id(int client) => client.ToString(CultureInfo.InvariantCulture);
}
