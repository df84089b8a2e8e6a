using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary><c>GET /api/runs/{id}</c>: the run as the durable engine knows it, readable while it runs.</summary>
public static class RunEndpoint
{
    public static async Task<IResult> HandleAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "Invalid run id", "id", "must be a run id returned by POST /api/train");
        }

        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null || metadata.Name != ActivityNames.Orchestrator)
        {
            return Problems.Field(StatusCodes.Status404NotFound, "Run not found", "id", $"no run has id '{id}'");
        }

        // The current round's progress lives in the round's own orchestration.
        metadata = await RunProgress.WithCurrentRoundAsync(client, metadata, cancellationToken).ConfigureAwait(false);
        return Results.Json(ToView(metadata), JsonDefaults.Options);
    }

    public static RunView ToView(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new RunView(
            metadata.InstanceId,
            metadata.RuntimeStatus.ToString(),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            metadata.SerializedInput is null ? null : metadata.ReadInputAs<TrainingRequest>(),
            metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<RunStatus>(),
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<RunResult>() : null,
            metadata.FailureDetails?.ErrorMessage);
    }
}
