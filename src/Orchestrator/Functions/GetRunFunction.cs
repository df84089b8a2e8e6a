using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FedAvg.Orchestrator.Functions;

/// <summary><c>GET /api/runs/{id}</c>: the run's state, request, rounds so far and result.</summary>
public static class GetRunFunction
{
    [Function("GetRun")]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await RunEndpoint.HandleAsync(id, client, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await result.WriteAsync(request).ConfigureAwait(false);
    }
}
