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

    /// <summary>Instances read per backend call while a page of runs fills: a run and its rounds are many.</summary>
    public const int InstancesPerRead = 100;

    /// <summary>
    /// One page of runs in the backend's order (Azure Storage keeps them by instance id, not by time),
    /// newest first within the page, and the cursor (<see cref="RunsCursor.Format"/>) for the next
    /// page (null after the last). Every page but the last holds exactly <see cref="RunsQuery.PageSize"/> runs.
    /// </summary>
    public static async Task<RunsPage> PageAsync(DurableTaskClient client, RunsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        RunsCursor cursor = RunsCursor.Parse(query.ContinuationToken)
            ?? throw new ArgumentException("Not a cursor from a previous page.", nameof(query));
        var runs = new List<RunListing>();
        while (true)
        {
            var (instances, next) = await ReadInstancesAsync(client, cursor.BackendToken, query.Statuses, cancellationToken).ConfigureAwait(false);
            var pageRuns = instances.Where(run => run.Name == ActivityNames.Orchestrator).ToList();
            for (int i = cursor.Skip; i < pageRuns.Count; i++)
            {
                runs.Add(ToListing(pageRuns[i]));
                if (runs.Count == query.PageSize)
                {
                    RunsCursor? after = i + 1 < pageRuns.Count
                        ? cursor with { Skip = i + 1 }
                        : next is null ? null : new RunsCursor(next, 0);
                    return new RunsPage(Newest(runs), after?.Format());
                }
            }

            if (next is null)
            {
                return new RunsPage(Newest(runs), null);
            }

            cursor = new RunsCursor(next, 0);
        }
    }

    private static async Task<(IReadOnlyList<OrchestrationMetadata> Instances, string? Next)> ReadInstancesAsync(
        DurableTaskClient client, string? token, IReadOnlyList<OrchestrationRuntimeStatus>? statuses, CancellationToken cancellationToken)
    {
        var instances = client.GetAllInstancesAsync(new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            PageSize = InstancesPerRead,
            ContinuationToken = token,
            Statuses = statuses,
        });
        await foreach (var page in instances.AsPages(token, InstancesPerRead).WithCancellation(cancellationToken))
        {
            return (page.Values, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
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
            status?.RoundsDone ?? 0,
            last?.TestAccuracy,
            RunFailure.Reason(run));
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
