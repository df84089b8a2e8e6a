using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Tests.Partitioning;

/// <summary>Label arrays for partition tests.</summary>
public static class Labels
{
    /// <summary>Classes in a seeded random order, <paramref name="perClass"/> of each.</summary>
    public static byte[] Balanced(int perClass, int seed = 99)
    {
        byte[] labels = [.. Enumerable.Range(0, perClass * 10).Select(i => (byte)(i % 10))];
        new DeterministicRandom(seed).Shuffle(labels.AsSpan());
        return labels;
    }
}
