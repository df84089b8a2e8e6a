namespace FedAvg.Common.Data;

/// <summary>A CIFAR-10 file or folder that does not follow the binary format.</summary>
public sealed class CifarFormatException : Exception
{
    public CifarFormatException()
    {
    }

    public CifarFormatException(string message)
        : base(message)
    {
    }

    public CifarFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CifarFormatException(string message, string sourceName, long? offset = null)
        : base(message)
    {
        SourceName = sourceName;
        Offset = offset;
    }

    /// <summary>The file, folder or stream name the problem was found in.</summary>
    public string SourceName { get; } = "";

    /// <summary>Byte offset of the offending record from the start of the source, when one applies.</summary>
    public long? Offset { get; }
}
