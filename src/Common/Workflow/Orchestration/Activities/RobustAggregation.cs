using System.Diagnostics;
using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// The robust aggregators' half of <see cref="AggregateActivity"/>: a median, a trimmed mean or a Krum choice needs every
/// update of the round at once, so they are all read into memory (the mean streams them instead). Updates that cannot
/// be read or fail the checks every aggregator makes (NaN, wrong shape or architecture) are left out and reported, as
/// the mean's are; Krum's and Multi-Krum's choice reports the updates it did not choose, by client.
/// </summary>
internal static class RobustAggregation
{
    /// <param name="remaining">The round's updates in client order; on return, only those the result is made of.</param>
    /// <param name="rejected">Gets the updates left out, with why.</param>
    /// <returns>
    /// The aggregate and the bytes read; a null aggregate when fewer than <see cref="AggregateInput.MinUpdates"/> updates are
    /// usable, with <c>Error</c> set when the aggregator itself refuses the round (too few updates for Krum's f).
    /// </returns>
    public static async Task<(ModelWeights? Aggregate, long Bytes, string? Error)> RunAsync(
        AggregateInput input,
        AggregatorOptions options,
        List<UpdateRef> remaining,
        List<ClientFailure> rejected,
        Func<UpdateRef, Task<(ModelWeights? Weights, string? Error)>> read,
        Stopwatch folding)
    {
        var (updates, bytes) = await ReadAllAsync(input, remaining, rejected, read, folding).ConfigureAwait(false);
        if (updates.Count < input.MinUpdates || updates.Count == 0)
        {
            return (null, bytes, null);
        }

        folding.Start();
        try
        {
            var aggregator = UpdateAggregators.Create(options);
            if (aggregator is not KrumAggregator krum)
            {
                return (aggregator.Aggregate(updates), bytes, null);
            }

            IReadOnlyList<ClientUpdate> chosen = krum.Select(updates);
            var kept = chosen.Select(u => u.ClientId).ToHashSet(StringComparer.Ordinal);
            foreach (var left in updates.Where(u => !kept.Contains(u.ClientId)))
            {
                rejected.Add(new ClientFailure(input.Round, int.Parse(left.ClientId, CultureInfo.InvariantCulture),
                    $"update excluded by {aggregator.Name} (f = {options.ByzantineClients}): not among the {kept.Count} closest to the others"));
            }

            remaining.RemoveAll(u => !kept.Contains(u.ClientId));
            return (KrumAggregator.Combine(chosen), bytes, null);
        }
        catch (AggregationException e) when (e.ClientId is null)
        {
            return (null, bytes, $"{options.Aggregator} refused the round's {updates.Count} usable updates: {e.Message}");
        }
        finally
        {
            folding.Stop();
        }
    }

    /// <summary>
    /// Every usable update of the round in memory, in client order: those that cannot be read or fail the checks every
    /// aggregator makes are added to <paramref name="rejected"/> and taken out of <paramref name="remaining"/>.
    /// </summary>
    public static async Task<(List<ClientUpdate> Updates, long Bytes)> ReadAllAsync(
        AggregateInput input,
        List<UpdateRef> remaining,
        List<ClientFailure> rejected,
        Func<UpdateRef, Task<(ModelWeights? Weights, string? Error)>> read,
        Stopwatch folding)
    {
        var updates = new List<ClientUpdate>(remaining.Count);
        var checker = new FedAvgAccumulator(Math.Max(1, remaining.Sum(u => (long)u.Samples)));
        long bytes = 0;
        await OrderedDownloads.ForEachAsync(remaining, Storage.FedAvgStorage.MaxParallelTransfers, read, (update, got) =>
        {
            if (got.Weights is null)
            {
                rejected.Add(new ClientFailure(input.Round, update.Client, $"update unreadable: {got.Error}"));
                return;
            }

            var client = new ClientUpdate(update.ClientId, got.Weights, update.Samples);
            folding.Start();
            try
            {
                checker.Check(client);
                updates.Add(client);
                bytes += got.Weights.ByteCount;
            }
            catch (AggregationException e) when (e.ClientId == client.ClientId)
            {
                rejected.Add(new ClientFailure(input.Round, update.Client, $"update rejected: {e.Message}"));
            }
            finally
            {
                folding.Stop();
            }
        }).ConfigureAwait(false);

        remaining.RemoveAll(u => rejected.Any(r => r.Round == input.Round && r.Client == u.Client));
        return (updates, bytes);
    }
}
