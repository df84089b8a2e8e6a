using FedAvg.Common.Http;
using FedAvg.Common.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FedAvg.Orchestrator.Functions;

/// <summary><c>POST /api/runs/{id}/stop</c>: stops a run for good (stop marker, then terminate).</summary>
public sealed class StopRunFunction(FedAvgStorage storage)
{
    [Function("StopRun")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/stop")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await RunStopEndpoint.HandleAsync(id, client, storage, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await result.WriteAsync(request).ConfigureAwait(false);
    }
}
