using FedAvg.Common.Partitioning;
using FedAvg.Common.Training;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Picks each round's clients from the run seed and the round alone, so a replaying orchestrator
/// (and a rerun with the same seed) selects exactly the same clients.
/// </summary>
public static class ClientSelector
{
    private const long SelectionStream = 0x5e1ec7;

    public static int[] Select(int seed, int round, int clients, int perRound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRound, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perRound, clients);
        int[] all = Enumerable.Range(0, clients).ToArray();
        if (perRound == clients)
        {
            return all;
        }

        // Its own stream under the round's seed, independent of every client's training seed.
        var random = new DeterministicRandom(SeedMixer.Derive(SeedMixer.Mix(seed, round, 0), SelectionStream));
        random.Shuffle(all.AsSpan());
        int[] chosen = all[..perRound];
        Array.Sort(chosen);
        return chosen;
    }
}
