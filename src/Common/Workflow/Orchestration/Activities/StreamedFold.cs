using System.Diagnostics;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// One pass of the streamed sample-weighted mean, shared by the one-activity fold and the fan-in tree's leaves: updates
/// are downloaded a few at a time and folded in their given order. After the first rejection the rest are only checked,
/// since a rejection changes every share and the caller starts over without it.
/// </summary>
internal static class StreamedFold
{
    /// <param name="folding">Runs while updates are folded, apart from their downloads.</param>
    /// <returns>The updates rejected (none: every update is in the accumulator) and the bytes folded.</returns>
    public static async Task<(List<ClientFailure> Rejected, long Bytes)> RunAsync(
        FedAvgStorage storage, int round, IReadOnlyList<UpdateRef> updates, FedAvgAccumulator accumulator, Stopwatch folding)
    {
        var rejected = new List<ClientFailure>();
        long bytes = 0;
        await OrderedDownloads.ForEachAsync(updates, FedAvgStorage.MaxParallelTransfers, update => TryReadAsync(storage, update), (update, read) =>
        {
            if (read.Weights is null)
            {
                rejected.Add(new ClientFailure(round, update.Client, $"update unreadable: {read.Error}"));
                return;
            }

            folding.Start();
            try
            {
                var client = new ClientUpdate(update.ClientId, read.Weights, update.Samples);
                if (rejected.Count == 0)
                {
                    accumulator.Add(client);
                    bytes += read.Weights.ByteCount;
                }
                else
                {
                    accumulator.Check(client);
                }
            }
            catch (AggregationException e) when (e.ClientId == update.ClientId)
            {
                rejected.Add(new ClientFailure(round, update.Client, $"update rejected: {e.Message}"));
            }
            finally
            {
                folding.Stop();
            }
        }).ConfigureAwait(false);
        return (rejected, bytes);
    }

    /// <summary>An update's weights, or why they cannot be read (missing, corrupt): a client's fault, not the round's.</summary>
    public static async Task<(ModelWeights? Weights, string? Error)> TryReadAsync(FedAvgStorage storage, UpdateRef update)
    {
        try
        {
            return (await ModelBlobs.ReadAsync(storage.Runs, update.Blob, CancellationToken.None).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is ModelStateException or BlobMissingException)
        {
            return (null, e.Message);
        }
    }
}
