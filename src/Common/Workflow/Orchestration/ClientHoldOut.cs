using FedAvg.Common.Data;
using FedAvg.Common.Shards;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Which part of a client's shard is held out for per-client evaluation (<see cref="TrainingRequest.ClientEvaluation"/>):
/// its share and the seed of the split. The seed depends on the run's seed and the client, not the round, so a client
/// holds out the same samples in every round it trains and is evaluated.
/// </summary>
public sealed record ClientHoldOut(double Share, long Seed)
{
    // A stream of its own under the client's seed: the split must not correlate with anything else drawn for the client.
    private const long SplitStream = 0x4845_4C44_4F55_54; // "HELDOUT"

    /// <summary>The client's hold-out under <paramref name="request"/>; null when per-client evaluation is off.</summary>
    public static ClientHoldOut? For(TrainingRequest request, int client)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Round 0 is no training round, so this seed never equals a round's training seed.
        return request.ClientEvaluation > 0
            ? new ClientHoldOut(request.ClientEvaluation, SeedMixer.Derive(SeedMixer.Mix(request.Seed, 0, client), SplitStream))
            : null;
    }

    public ShardSplit Split(CifarDataset shard) => HeldOutSplit.Split(shard, Share, Seed);
}
