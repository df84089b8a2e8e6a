using System.Text.Json;
using FedAvg.Common.Orchestration;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Runs;

/// <summary>The FedAvg runs in a task hub, read through the durable client.</summary>
internal static class RunQueries
{
    /// <summary>The statuses a durable engine picks up again when it starts.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> UnfinishedStatuses { get; } =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

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

        return [.. runs.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
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
