using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary><c>GET /api/runs/{id}</c>: the run as the durable engine knows it, readable while it runs.</summary>
public static class RunEndpoint
{
    public static async Task<IResult> HandleAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (metadata, problem) = await RunLookup.FindAsync(id, client, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return problem!;
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
            RunFailure.Reason(metadata));
    }
}
