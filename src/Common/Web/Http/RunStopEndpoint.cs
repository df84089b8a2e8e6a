using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary>
/// <c>POST /api/runs/{id}/stop</c>: stops a run for good, as <c>fedavg runs --stop</c> does (stop
/// marker, then terminate), so the work it had queued is skipped wherever it is delivered.
/// </summary>
public static class RunStopEndpoint
{
    public static async Task<IResult> HandleAsync(string id, DurableTaskClient client, FedAvgStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var (run, problem) = await RunLookup.FindAsync(id, client, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return problem!;
        }

        if (!RunQueries.UnfinishedStatuses.Contains(run.RuntimeStatus))
        {
            return Problems.Field(StatusCodes.Status409Conflict, "Run already finished", "id",
                $"run '{id}' is already {run.RuntimeStatus.ToString().ToLowerInvariant()}; there is nothing to stop");
        }

        await RunStop.RequestAsync(client, storage, id, "stopped with POST /api/runs/{id}/stop", cancellationToken).ConfigureAwait(false);

        // The terminate takes effect when the engine next looks at the run; until then it still reads Running.
        return TypedResults.Accepted($"/api/runs/{Uri.EscapeDataString(id)}", RunQueries.ToListing(run));
    }
}
