namespace FedAvg.Common.Data;

/// <summary>
/// Reads the official CIFAR-10 "binary version": records of one label byte followed by
/// <see cref="CifarDataset.ImageBytes"/> pixel bytes, back to back, no header.
/// </summary>
public static class CifarBinaryReader
{
    public const int RecordBytes = 1 + CifarDataset.ImageBytes;

    public static IReadOnlyList<string> TrainingFileNames { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestFileName = "test_batch.bin";

    // Keeps Count * ImageBytes inside one array.
    private static readonly int MaxRecords = Array.MaxLength / CifarDataset.ImageBytes;

    /// <summary>
    /// Streams records one at a time; <paramref name="sourceName"/> only labels errors.
    /// Offsets in errors count from the stream's position when enumeration starts.
    /// </summary>
    public static IEnumerable<CifarRecord> ReadRecords(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return Enumerate(stream, sourceName);
    }

    /// <summary>Reads every record of one file.</summary>
    public static CifarDataset ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int count = CountRecords(path);
        var labels = new byte[count];
        var pixels = new byte[(long)count * CifarDataset.ImageBytes];
        ReadInto(path, labels, pixels, 0, count);
        return new CifarDataset(labels, pixels);
    }

    /// <summary>data_batch_1..5 in order; with a limit, only the first <paramref name="limit"/> images (and only the files they need).</summary>
    public static CifarDataset ReadTrainingSet(string directory, int? limit = null) =>
        ReadFiles(directory, TrainingFileNames, limit);

    public static CifarDataset ReadTestSet(string directory, int? limit = null) =>
        ReadFiles(directory, [TestFileName], limit);

    /// <summary>
    /// The label of every training image, data_batch_1..5 in order, without reading the pixels: one
    /// byte every <see cref="RecordBytes"/>, so planning a partition costs kilobytes of I/O.
    /// </summary>
    public static byte[] ReadTrainingLabels(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var labels = new List<byte>(50_000);
        Span<byte> label = stackalloc byte[1];
        foreach (string name in TrainingFileNames)
        {
            string path = Path.Combine(directory, name);
            int records = CountRecords(path);
            using var handle = File.OpenHandle(path);
            for (int i = 0; i < records; i++)
            {
                long offset = (long)i * RecordBytes;
                if (RandomAccess.Read(handle, label, offset) != 1 || label[0] >= CifarDataset.ClassCount)
                {
                    throw new CifarFormatException($"{path}: record {i} at byte offset {offset} has no label in 0-{CifarDataset.ClassCount - 1}.", path, offset);
                }

                labels.Add(label[0]);
            }
        }

        return [.. labels];
    }

    private static CifarDataset ReadFiles(string directory, IReadOnlyList<string> fileNames, int? limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The image limit cannot be negative.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"CIFAR-10 folder not found: {directory}");
        }

        // Sizes first, so the arrays are allocated once and untouched files are never opened.
        var plan = new List<(string Path, int Records)>();
        long total = 0;
        long wanted = limit ?? long.MaxValue;
        foreach (string name in fileNames)
        {
            if (total >= wanted)
            {
                break;
            }

            string path = Path.Combine(directory, name);
            int records = (int)Math.Min(CountRecords(path), wanted - total);
            plan.Add((path, records));
            total += records;
        }

        if (total > MaxRecords)
        {
            throw new CifarFormatException($"{directory}: {total} records do not fit in memory as one dataset (at most {MaxRecords}).", directory);
        }

        var labels = new byte[total];
        var pixels = new byte[total * CifarDataset.ImageBytes];
        int start = 0;
        foreach ((string path, int records) in plan)
        {
            ReadInto(path, labels, pixels, start, records);
            start += records;
        }

        return new CifarDataset(labels, pixels);
    }

    private static int CountRecords(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"CIFAR-10 file not found: {path}", path);
        }

        long partial = file.Length % RecordBytes;
        if (partial != 0)
        {
            long offset = file.Length - partial;
            throw new CifarFormatException(
                $"{path}: {file.Length} bytes is not a whole number of {RecordBytes}-byte records; a partial record of {partial} bytes starts at byte offset {offset}.",
                path,
                offset);
        }

        long records = file.Length / RecordBytes;
        if (records > MaxRecords)
        {
            throw new CifarFormatException($"{path}: {records} records do not fit in memory as one dataset (at most {MaxRecords}).", path);
        }

        return (int)records;
    }

    private static void ReadInto(string path, byte[] labels, byte[] pixels, int start, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var record = new byte[RecordBytes];
        for (int i = 0; i < count; i++)
        {
            if (!ReadRecord(stream, path, i, record))
            {
                // The length was checked, so the file changed while we read it.
                long offset = (long)i * RecordBytes;
                throw new CifarFormatException($"{path}: ended at byte offset {offset}, before record {i} of {count}; was it modified while being read?", path, offset);
            }

            labels[start + i] = record[0];
            record.AsSpan(1).CopyTo(pixels.AsSpan((start + i) * CifarDataset.ImageBytes, CifarDataset.ImageBytes));
        }
    }

    private static IEnumerable<CifarRecord> Enumerate(Stream stream, string sourceName)
    {
        var record = new byte[RecordBytes];
        for (int index = 0; ReadRecord(stream, sourceName, index, record); index++)
        {
            yield return new CifarRecord(record[0], record[1..]);
        }
    }

    /// <summary>False at a clean end of stream; throws on a partial record or a bad label.</summary>
    private static bool ReadRecord(Stream stream, string sourceName, int index, byte[] record)
    {
        int read = stream.ReadAtLeast(record, RecordBytes, throwOnEndOfStream: false);
        long offset = (long)index * RecordBytes;
        if (read == 0)
        {
            return false;
        }

        if (read < RecordBytes)
        {
            throw new CifarFormatException(
                $"{sourceName}: truncated record {index}: the partial record starts at byte offset {offset} and has {read} of {RecordBytes} bytes.",
                sourceName,
                offset);
        }

        if (record[0] >= CifarDataset.ClassCount)
        {
            throw new CifarFormatException(
                $"{sourceName}: record {index} at byte offset {offset} has label {record[0]}; labels are 0-{CifarDataset.ClassCount - 1}.",
                sourceName,
                offset);
        }

        return true;
    }
}
