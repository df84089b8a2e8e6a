using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Orchestration;

/// <summary>Which page of runs to list: its size, where the previous page ended, and the statuses wanted.</summary>
/// <param name="ContinuationToken">The previous page's cursor (<see cref="RunsCursor"/>); null for the first.</param>
/// <param name="Statuses">Only runs in these statuses; null or empty for all.</param>
public sealed record RunsQuery(int PageSize, string? ContinuationToken = null, IReadOnlyList<OrchestrationRuntimeStatus>? Statuses = null)
{
    public const int MinPageSize = 1;

    public const int MaxPageSize = 100;

    public const int DefaultPageSize = 20;
}
