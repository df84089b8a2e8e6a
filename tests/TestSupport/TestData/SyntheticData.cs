using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.TestData;

/// <summary>Random images with random labels, reproducible from a seed.</summary>
public static class SyntheticData
{
    public static CifarDataset Random(int count, int seed)
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
