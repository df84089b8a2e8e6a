using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary>Finds the run a route's <c>{id}</c> names, or the problem that answers for it (400 or 404, naming <c>id</c>).</summary>
public static class RunLookup
{
    public const int MaxIdLength = 200;

    public static async Task<(OrchestrationMetadata? Run, IResult? Problem)> FindAsync(
        string id, DurableTaskClient client, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            return (null, Problems.Field(StatusCodes.Status400BadRequest, "Invalid run id", "id", "must be a run id returned by POST /api/train"));
        }

        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return metadata is null || metadata.Name != ActivityNames.Orchestrator
            ? (null, Problems.Field(StatusCodes.Status404NotFound, "Run not found", "id", $"no run has id '{id}'"))
            : (metadata, null);
    }
}
