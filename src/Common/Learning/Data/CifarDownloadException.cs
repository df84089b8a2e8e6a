namespace FedAvg.Common.Data;

/// <summary>CIFAR-10 could not be fetched or did not verify; the message is one line fit for a user.</summary>
public sealed class CifarDownloadException : Exception
{
    public CifarDownloadException()
    {
    }

    public CifarDownloadException(string message)
        : base(message)
    {
    }

    public CifarDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
