namespace FedAvg.LocalHost.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed: a failed run, a busy port, storage that does not answer.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line itself is wrong (an unknown run id included), or the command refused to
    /// start (bench with other runs unfinished); nothing was started.
    /// </summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
