using FedAvg.Common.Data;

namespace FedAvg.Benchmarks;

internal static class SyntheticCifar
{
    /// <summary>Random pixels and labels: speed does not depend on content.</summary>
    public static CifarDataset Create(int count, int seed)
    {
        var random = new Random(seed);
        var labels = new byte[count];
        var pixels = new byte[count * CifarDataset.ImageBytes];
        random.NextBytes(pixels);
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)random.Next(CifarDataset.ClassCount);
        }

        return new CifarDataset(labels, pixels);
    }
}
