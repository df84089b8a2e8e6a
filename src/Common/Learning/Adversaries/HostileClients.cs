using FedAvg.Common.Partitioning;
using FedAvg.Common.Training;

namespace FedAvg.Common.Adversaries;

/// <summary>Which of a run's clients are hostile: drawn once from the run's seed, so they are the same every round and every rerun.</summary>
public static class HostileClients
{
    // Rounds and clients are below int.MaxValue, so this stream is one no local training or selection draws from.
    private const int Stream = int.MaxValue;

    /// <returns><paramref name="attackers"/> distinct clients in 0..clients − 1, ascending; empty for none.</returns>
    /// <exception cref="ArgumentOutOfRangeException">attackers is negative or more than clients.</exception>
    public static IReadOnlyList<int> Draw(long seed, int clients, int attackers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attackers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attackers, clients);
        if (attackers == 0)
        {
            return [];
        }

        // A partial Fisher–Yates shuffle: the first draws of a full one, so every set is equally likely.
        var random = new DeterministicRandom(SeedMixer.Mix(seed, Stream, Stream));
        int[] order = [.. Enumerable.Range(0, clients)];
        for (int i = 0; i < attackers; i++)
        {
            int j = i + random.NextInt(clients - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return [.. order.Take(attackers).Order()];
    }
}
