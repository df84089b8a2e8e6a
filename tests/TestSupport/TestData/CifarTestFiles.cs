using FedAvg.Common.Data;

namespace FedAvg.Common.Tests.TestData;

/// <summary>
/// Reads real CIFAR-10 records for tests straight from the binary files (1 label byte + 3072 pixel bytes each),
/// so these tests do not depend on the production reader. The folder is the one <see cref="Data.RealCifar"/> finds.
/// </summary>
public static class CifarTestFiles
{
    private const int RecordBytes = 1 + CifarDataset.ImageBytes;

    public static string? Directory => Data.RealCifar.Directory;

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
}
