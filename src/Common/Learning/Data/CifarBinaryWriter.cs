namespace FedAvg.Common.Data;

/// <summary>Writes datasets in the CIFAR-10 binary format that <see cref="CifarBinaryReader"/> reads.</summary>
public static class CifarBinaryWriter
{
    public static void Write(Stream stream, CifarDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var record = new byte[CifarBinaryReader.RecordBytes];
        for (int i = 0; i < dataset.Count; i++)
        {
            record[0] = dataset.Labels[i];
            dataset.Image(i).CopyTo(record.AsSpan(1));
            stream.Write(record);
        }
    }

    public static void WriteFile(string path, CifarDataset dataset)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(dataset);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        Write(stream, dataset);
    }
}
