using FedAvg.Common.Data;
using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Shards;

/// <summary>
/// Splits a client's shard into a part it trains on and a held-out part the global model is evaluated on (per-client
/// evaluation). The held-out samples are drawn by a seeded shuffle, so the same seed and shard always hold out the same
/// samples, every round: no sample is ever trained on by a client that is also evaluated on it. Both parts keep the
/// shard's order.
/// </summary>
public static class HeldOutSplit
{
    /// <summary>The largest share a client may hold out: more would leave it training on less than it is judged on.</summary>
    public const double MaxShare = 0.5;

    /// <summary>
    /// How many of <paramref name="samples"/> are held out: ⌊share·samples⌋, but never all of them, so a client always
    /// has something to train on (a one-sample shard holds out none). Share 0 holds out nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative samples, or a share outside [0, <see cref="MaxShare"/>] or NaN.</exception>
    public static int HeldOutCount(int samples, double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (!(share >= 0 && share <= MaxShare))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, $"The held-out share must be in [0, {MaxShare}].");
        }

        // The small epsilon keeps 0.3·10 from flooring to 2 through binary rounding.
        return Math.Min((int)Math.Floor((share * samples) + 1e-9), Math.Max(samples - 1, 0));
    }

    /// <summary>The held-out indices of a shard of <paramref name="samples"/>, ascending; the rest are the training ones.</summary>
    public static int[] HeldOutIndices(int samples, double share, long seed)
    {
        int count = HeldOutCount(samples, share);
        if (count == 0)
        {
            return [];
        }

        int[] order = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            order[i] = i;
        }

        new DeterministicRandom(seed).Shuffle<int>(order);
        int[] heldOut = order[..count];
        Array.Sort(heldOut);
        return heldOut;
    }

    /// <summary>The two parts of <paramref name="shard"/>; disjoint, and together every sample once.</summary>
    public static ShardSplit Split(CifarDataset shard, double share, long seed)
    {
        ArgumentNullException.ThrowIfNull(shard);
        int[] heldOut = HeldOutIndices(shard.Count, share, seed);
        if (heldOut.Length == 0)
        {
            return new ShardSplit(shard, CifarDataset.Empty);
        }

        var isHeldOut = new bool[shard.Count];
        foreach (int index in heldOut)
        {
            isHeldOut[index] = true;
        }

        var train = new List<int>(shard.Count - heldOut.Length);
        for (int i = 0; i < shard.Count; i++)
        {
            if (!isHeldOut[i])
            {
                train.Add(i);
            }
        }

        return new ShardSplit(shard.Subset(train), shard.Subset(heldOut));
    }
}
