namespace FedAvg.Common.Data;

/// <summary>Finds and checks a folder holding the six CIFAR-10 binary files.</summary>
public static class CifarDataFolder
{
    public const string EnvironmentVariable = "FEDAVG_DATA";
    public const string FolderName = "cifar-10-batches-bin";
    public const long FileBytes = 10_000L * CifarBinaryReader.RecordBytes;

    public static IReadOnlyList<string> BinaryFileNames { get; } =
        [.. CifarBinaryReader.TrainingFileNames, CifarBinaryReader.TestFileName];

    /// <summary>
    /// The full path of <paramref name="directory"/> when it holds all six .bin files at their official size;
    /// only sizes are checked (reading them is the reader's job).
    /// </summary>
    public static string Validate(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"CIFAR-10 folder not found: {full}");
        }

        var missing = BinaryFileNames.Where(name => !File.Exists(Path.Combine(full, name))).ToList();
        if (missing.Count > 0)
        {
            throw new CifarFormatException($"CIFAR-10 folder {full} is missing {string.Join(", ", missing)}.", full);
        }

        foreach (string name in BinaryFileNames)
        {
            string path = Path.Combine(full, name);
            long length = new FileInfo(path).Length;
            if (length != FileBytes)
            {
                throw new CifarFormatException($"CIFAR-10 file {path} is {length} bytes, expected {FileBytes}.", path);
            }
        }

        return full;
    }

    /// <summary>
    /// The first of: <paramref name="explicitDir"/>, $FEDAVG_DATA, ./data/cifar-10-batches-bin, validated.
    /// A folder the user named (argument or variable) that is unusable throws rather than falling through,
    /// so a typo is not silently replaced by another copy; null means none was named and the default is absent.
    /// </summary>
    /// <summary>
    /// <see cref="Validate"/>, then reads every record so a corrupt label is reported now, naming the
    /// file and byte offset, rather than when a run imports the data. Streams: memory stays small.
    /// </summary>
    public static string Verify(string directory)
    {
        string full = Validate(directory);
        foreach (string name in BinaryFileNames)
        {
            string path = Path.Combine(full, name);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
            foreach (var _ in CifarBinaryReader.ReadRecords(stream, path))
            {
                // Reading is the check: the reader throws on a bad label or a short record.
            }
        }

        return full;
    }

    public static string? Locate(string? explicitDir) =>
        Locate(explicitDir, Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory());

    internal static string? Locate(string? explicitDir, string? environmentValue, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return Validate(explicitDir);
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Validate(environmentValue);
        }

        string fallback = Path.Combine(workingDirectory, "data", FolderName);
        return Directory.Exists(fallback) ? Validate(fallback) : null;
    }
}
