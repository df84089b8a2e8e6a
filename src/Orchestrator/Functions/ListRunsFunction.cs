using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FedAvg.Orchestrator.Functions;

/// <summary><c>GET /api/runs</c>: the runs a page at a time, filtered by status.</summary>
public static class ListRunsFunction
{
    [Function("ListRuns")]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await RunsEndpoint.HandleAsync(request, client, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await result.WriteAsync(request).ConfigureAwait(false);
    }
}
