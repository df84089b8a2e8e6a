using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.Imaging;

/// <summary>Record 0 of the real CIFAR-10 test batch: one label byte, then 3072 pixel bytes.</summary>
internal static class CifarTestImage
{
    private const string RelativePath = "shared/data/cifar-10-batches-bin/test_batch.bin";

    private static readonly Lazy<byte[]> Pixels = new(Load);

    public static byte[] First() => (byte[])Pixels.Value.Clone();

    private static byte[] Load()
    {
        using FileStream file = File.OpenRead(FindBatch());
        var record = new byte[1 + CifarDataset.ImageBytes];
        file.ReadExactly(record);
        return record[1..];
    }

    /// <summary>shared/ sits beside the repository clone (CI) or at /work/shared (developer machines).</summary>
    private static string FindBatch()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string fallback = Path.Combine("/work", RelativePath);
        return File.Exists(fallback)
            ? fallback
            : throw new FileNotFoundException($"No {RelativePath} above {AppContext.BaseDirectory} or under /work.");
    }
}
