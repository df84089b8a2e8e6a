using FedAvg.Common.Http;
using FedAvg.Common.Prediction;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FedAvg.Orchestrator.Functions;

/// <summary><c>POST /api/predict</c>: classifies an uploaded image with the newest global model.</summary>
public sealed class PredictFunction(PredictionService predictions)
{
    [Function("Predict")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "predict")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await PredictEndpoint.HandleAsync(request, predictions, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await result.WriteAsync(request).ConfigureAwait(false);
    }
}
