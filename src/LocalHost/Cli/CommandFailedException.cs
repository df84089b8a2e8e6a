namespace FedAvg.LocalHost.Cli;

/// <summary>
/// The command ran and failed for a reason the user can act on: the message is one line for stderr
/// (what happened and what to do), and the exit code is <see cref="ExitCode"/>.
/// </summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; init; } = ExitCodes.Failure;
}
