using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Orchestration;

/// <summary>The FedAvg runs in a task hub, read through the durable client (<c>fedavg runs</c>, <c>GET /api/runs</c>).</summary>
public static class RunQueries
{
    /// <summary>The statuses a durable engine picks up again when it starts.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> UnfinishedStatuses { get; } =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The statuses a run can be listed with (the others are never a FedAvg run's).</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> ListedStatuses { get; } =
        [.. UnfinishedStatuses, OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Every run, newest first, with its request and progress.</summary>
    public static async Task<IReadOnlyList<RunListing>> ListAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runs = new List<RunListing>();
        await foreach (var run in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
        {
            if (run.Name == ActivityNames.Orchestrator)
            {
                runs.Add(ToListing(run));
            }
        }

        return Newest(runs);
    }

    /// <summary>
    /// One page of runs in the backend's order (Azure Storage keeps them by instance id, not by time),
    /// newest first within the page, and the backend's token for the next page (null after the last).
    /// </summary>
    public static async Task<RunsPage> PageAsync(DurableTaskClient client, RunsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        var instances = client.GetAllInstancesAsync(new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
            Statuses = query.Statuses,
        });
        await foreach (var page in instances.AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            var runs = page.Values.Where(run => run.Name == ActivityNames.Orchestrator).Select(ToListing).ToList();
            return new RunsPage(Newest(runs), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new RunsPage([], null);
    }

    /// <summary>The ids of the runs an engine would resume, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> UnfinishedAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runs = new List<OrchestrationMetadata>();
        await foreach (var run in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = UnfinishedStatuses }).WithCancellation(cancellationToken))
        {
            if (run.Name == ActivityNames.Orchestrator)
            {
                runs.Add(run);
            }
        }

        return [.. runs.OrderBy(r => r.CreatedAt).Select(r => r.InstanceId)];
    }

    public static RunListing ToListing(OrchestrationMetadata run)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunStatus? status = Read(run.ReadCustomStatusAs<RunStatus>);
        RoundSummary? last = status?.History.Count > 0 ? status.History[^1] : null;
        return new RunListing(
            run.InstanceId,
            run.RuntimeStatus.ToString(),
            UnfinishedStatuses.Contains(run.RuntimeStatus),
            run.CreatedAt,
            run.LastUpdatedAt,
            Read(run.ReadInputAs<TrainingRequest>),
            status?.Phase,
            status?.Round,
            status?.History.Count ?? 0,
            last?.TestAccuracy,
            RunFailure.Reason(run.FailureDetails));
    }

    private static RunListing[] Newest(IEnumerable<RunListing> runs) =>
        [.. runs.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    // A run written by another version may not read as today's types; it is still listed, without details.
    private static T? Read<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
