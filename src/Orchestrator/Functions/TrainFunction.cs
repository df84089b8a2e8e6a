using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Orchestrator.Functions;

/// <summary><c>POST /api/train</c>: starts a run, answers 202 with the durable management URLs.</summary>
public sealed class TrainFunction(TrainingLabels labels)
{
    [Function("Train")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "train")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var requestData = await context.GetHttpRequestDataAsync().ConfigureAwait(false);
        var result = await TrainEndpoint.HandleAsync(
            request, client, labels, id => Management(client, requestData, id, request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await result.WriteAsync(request).ConfigureAwait(false);
    }

    private static ManagementUrls Management(DurableTaskClient client, HttpRequestData? requestData, string id, HttpRequest request)
    {
        var payload = client.CreateHttpManagementPayload(id, requestData);
        string runUri = $"{request.Scheme}://{request.Host}/api/runs/{Uri.EscapeDataString(id)}";
        return new ManagementUrls(
            payload.Id ?? id,
            payload.StatusQueryGetUri ?? runUri,
            payload.SendEventPostUri ?? string.Empty,
            payload.TerminatePostUri ?? string.Empty,
            payload.PurgeHistoryDeleteUri ?? string.Empty,
            payload.RestartPostUri,
            payload.SuspendPostUri,
            payload.ResumePostUri,
            runUri);
    }
}
