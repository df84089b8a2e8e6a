namespace FedAvg.Common.Shards;

/// <summary>Bytes that are not a valid, intact client shard.</summary>
public sealed class ShardFormatException : Exception
{
    public ShardFormatException()
    {
    }

    public ShardFormatException(string message)
        : base(message)
    {
    }

    public ShardFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ShardFormatException(string message, string sourceName)
        : base(message)
    {
        SourceName = sourceName;
    }

    /// <summary>The blob, file or stream name the shard was read from.</summary>
    public string SourceName { get; } = "";
}
