namespace FedAvg.Common.Storage;

public sealed class BlobMissingException : Exception
{
    public BlobMissingException(string container, string name, Exception? inner = null)
        : base($"Blob '{container}/{name}' does not exist.", inner)
    {
        Container = container;
        BlobName = name;
    }

    public BlobMissingException()
    {
        Container = BlobName = string.Empty;
    }

    public BlobMissingException(string message)
        : base(message)
    {
        Container = BlobName = string.Empty;
    }

    public BlobMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Container = BlobName = string.Empty;
    }

    public string Container { get; }

    public string BlobName { get; }
}
