namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg runs</c>: list (as a table or JSON), or stop the named runs or every unfinished one.</summary>
internal sealed record RunsArguments(IReadOnlyList<string> StopIds, bool StopUnfinished, bool Json)
{
    public bool Stops => StopIds.Count > 0 || StopUnfinished;
}
