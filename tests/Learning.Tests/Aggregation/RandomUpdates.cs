using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>Client updates of a small model (a long tensor, a float buffer, a BatchNorm batch count) with random values.</summary>
internal static class RandomUpdates
{
    public static ClientUpdate[] Clients(int count, int seed, int length)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(c => new ClientUpdate(
            $"client-{c}",
            Weights(
                [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))],
                [.. Enumerable.Range(0, 5).Select(_ => (float)random.NextDouble())],
                random.Next(0, 1000)),
            random.Next(1, 5000)))];
    }

    public static ModelWeights Weights(float[] big, float[] small, long batches = 3) => new("m",
    [
        WeightTensor.FromFloats("big", [big.Length], WeightKind.Parameter, big),
        WeightTensor.FromFloats("small", [small.Length], WeightKind.FloatBuffer, small),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
    ]);
}
