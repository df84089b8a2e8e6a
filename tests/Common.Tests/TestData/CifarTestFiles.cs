using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.TestData;

/// <summary>
/// Reads real CIFAR-10 records for tests straight from the binary files (1 label byte + 3072 pixel bytes each),
/// so these tests do not depend on the production reader. The folder is FEDAVG_CIFAR_DIR, or
/// shared/data/cifar-10-batches-bin in the nearest ancestor of the test binaries that has it.
/// </summary>
internal static class CifarTestFiles
{
    private const int RecordBytes = 1 + CifarDataset.ImageBytes;

    public static string? Directory { get; } = Locate();

    public static bool Available => Directory is not null;

    /// <summary>The first <paramref name="count"/> records of <paramref name="fileName"/> (e.g. data_batch_1.bin).</summary>
    public static CifarDataset Load(string fileName, int count)
    {
        string path = Path.Combine(Directory ?? throw new InvalidOperationException("CIFAR-10 binaries not found."), fileName);
        byte[] records = new byte[count * RecordBytes];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(records);
        }

        var labels = new byte[count];
        var pixels = new byte[count * CifarDataset.ImageBytes];
        for (int i = 0; i < count; i++)
        {
            labels[i] = records[i * RecordBytes];
            records.AsSpan(i * RecordBytes + 1, CifarDataset.ImageBytes).CopyTo(pixels.AsSpan(i * CifarDataset.ImageBytes));
        }

        return new CifarDataset(labels, pixels);
    }

    private static string? Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("FEDAVG_CIFAR_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "test_batch.bin")) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "cifar-10-batches-bin");
            if (File.Exists(Path.Combine(candidate, "test_batch.bin")))
            {
                return candidate;
            }
        }

        return null;
    }
}
