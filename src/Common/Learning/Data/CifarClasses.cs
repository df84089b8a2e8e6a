namespace FedAvg.Common.Data;

/// <summary>The CIFAR-10 class names; label i is <c>Names[i]</c>.</summary>
public static class CifarClasses
{
    public const string MetaFileName = "batches.meta.txt";

    public static IReadOnlyList<string> Names { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Reads the names from batches.meta.txt in <paramref name="directory"/>, one a line, blank lines ignored.</summary>
    public static IReadOnlyList<string> ReadNames(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string path = Path.Combine(directory, MetaFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CIFAR-10 class names not found: {path}", path);
        }

        string[] names = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToArray();
        if (names.Length != CifarDataset.ClassCount)
        {
            throw new CifarFormatException($"{path}: {names.Length} class names, expected {CifarDataset.ClassCount}.", path);
        }

        return names;
    }
}
