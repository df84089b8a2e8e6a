using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FedAvg.Orchestrator.Functions;

/// <summary>
/// <c>GET /api/train/schema</c>: the JSON Schema of a training request. Anonymous: it describes the
/// API, as an OpenAPI document would, and holds nothing about any run.
/// </summary>
public static class TrainSchemaFunction
{
    [Function("TrainSchema")]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "train/schema")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await TrainSchemaEndpoint.Handle().WriteAsync(request).ConfigureAwait(false);
    }
}
