namespace FedAvg.LocalHost.Cli;

/// <summary>The command line is wrong: the message is one line for stderr, and the exit code is 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
