namespace FedAvg.LocalHost.Storage;

/// <summary>The storage a command was using went away while it ran (the Azurite it started exited).</summary>
internal sealed class StorageLostException : Exception
{
    public StorageLostException()
    {
    }

    public StorageLostException(string message)
        : base(message)
    {
    }

    public StorageLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
