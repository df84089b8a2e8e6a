namespace FedAvg.LocalHost.Storage;

/// <summary>
/// The local state cannot be opened: Azurite is not installed, does not start, or its folder is held
/// by a fedavg that does not answer. The message says which, and what to do, in one line.
/// </summary>
internal sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
