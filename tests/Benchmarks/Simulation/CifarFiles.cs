using FedAvg.Common.Data;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>
/// Reads CIFAR-10 binary batches directly (1 label byte + 3072 pixel bytes a record) for experiments; the
/// production reader lives in Common.Data on another branch.
/// </summary>
internal static class CifarFiles
{
    private const int RecordBytes = 1 + CifarDataset.ImageBytes;

    public static CifarDataset Load(string directory, params string[] fileNames)
    {
        var records = fileNames.Select(name => File.ReadAllBytes(Path.Combine(directory, name))).ToArray();
        int count = records.Sum(r => r.Length / RecordBytes);
        var labels = new byte[count];
        var pixels = new byte[count * CifarDataset.ImageBytes];
        int next = 0;
        foreach (byte[] file in records)
        {
            if (file.Length % RecordBytes != 0)
            {
                throw new InvalidDataException($"A CIFAR-10 batch file is not a whole number of {RecordBytes}-byte records.");
            }

            for (int offset = 0; offset < file.Length; offset += RecordBytes, next++)
            {
                labels[next] = file[offset];
                file.AsSpan(offset + 1, CifarDataset.ImageBytes).CopyTo(pixels.AsSpan(next * CifarDataset.ImageBytes));
            }
        }

        return new CifarDataset(labels, pixels);
    }

    public static CifarDataset Training(string directory) =>
        Load(directory, [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")]);

    public static CifarDataset Test(string directory) => Load(directory, "test_batch.bin");
}
