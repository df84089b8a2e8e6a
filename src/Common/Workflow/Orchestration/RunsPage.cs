namespace FedAvg.Common.Orchestration;

/// <summary>One page of runs and the token that asks for the next one (null after the last page).</summary>
public sealed record RunsPage(IReadOnlyList<RunListing> Runs, string? ContinuationToken);
