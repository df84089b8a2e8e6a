namespace FedAvg.Common.Orchestration;

/// <summary>An activity of a stopped run was delivered after the stop; it returns this at once instead of working.</summary>
public sealed class RunStoppedException : Exception
{
    public RunStoppedException()
    {
    }

    public RunStoppedException(string message)
        : base(message)
    {
    }

    public RunStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static RunStoppedException For(string runId) => new($"Run {runId} was stopped; its remaining work is skipped.");
}
