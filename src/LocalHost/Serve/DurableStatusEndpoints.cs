using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Serve;

/// <summary>
/// The Durable Functions instance-management routes under <c>/runtime/webhooks/durabletask</c>, with
/// the same status codes, so clients written against the Functions app work against <c>fedavg serve</c>.
/// </summary>
internal static class DurableStatusEndpoints
{
    public const string Prefix = "/runtime/webhooks/durabletask/instances";

    // Durable Functions asks pollers to wait this long between status requests.
    private const string RetryAfterSeconds = "5";

    public static void MapDurableStatus(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).WithTags("Durable Functions instance management");
        group.MapGet("/{id}", GetStatusAsync).WithSummary("Instance status: 202 while running, 200 when done, 404 if unknown");
        group.MapPost("/{id}/terminate", TerminateAsync).WithSummary("Terminate a running instance");
        group.MapPost("/{id}/suspend", SuspendAsync).WithSummary("Suspend a running instance");
        group.MapPost("/{id}/resume", ResumeAsync).WithSummary("Resume a suspended instance");
        group.MapPost("/{id}/raiseEvent/{eventName}", RaiseEventAsync).WithSummary("Send an event to a running instance");
        group.MapDelete("/{id}", PurgeAsync).WithSummary("Purge a finished instance's history");
    }

    public static DurableStatusPayload ToPayload(OrchestrationMetadata metadata, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        JsonElement? output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? JsonSerializer.SerializeToElement(metadata.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : "failed")
            : Parse(metadata.SerializedOutput);
        return new DurableStatusPayload(
            metadata.Name,
            metadata.InstanceId,
            metadata.RuntimeStatus.ToString(),
            showInput ? Parse(metadata.SerializedInput) : null,
            Parse(metadata.SerializedCustomStatus),
            output,
            Time(metadata.CreatedAt),
            Time(metadata.LastUpdatedAt));
    }

    private static async Task<IResult> GetStatusAsync(
        string id, HttpContext http, DurableTaskClient client, bool? showInput, bool? returnInternalServerErrorOnFailure, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return Results.NotFound();
        }

        var payload = ToPayload(metadata, showInput ?? true);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended:
                http.Response.Headers.Location = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}{http.Request.QueryString}";
                http.Response.Headers.RetryAfter = RetryAfterSeconds;
                return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
            case OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return Results.Json(payload, statusCode: StatusCodes.Status500InternalServerError);
            default:
                return Results.Json(payload);
        }
    }

    private static Task<IResult> TerminateAsync(string id, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        WhileRunningAsync(id, client, () => client.TerminateInstanceAsync(id, reason, cancellationToken), cancellationToken);

    private static Task<IResult> SuspendAsync(string id, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        WhileRunningAsync(id, client, () => client.SuspendInstanceAsync(id, reason, cancellationToken), cancellationToken);

    private static Task<IResult> ResumeAsync(string id, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        WhileRunningAsync(id, client, () => client.ResumeInstanceAsync(id, reason, cancellationToken), cancellationToken);

    private static async Task<IResult> RaiseEventAsync(string id, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        JsonElement? data = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                data = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                return Results.BadRequest("The event data must be JSON.");
            }
        }

        return await WhileRunningAsync(id, client, () => client.RaiseEventAsync(id, eventName, data, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> PurgeAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var result = await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Results.NotFound()
            : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    // As in Durable Functions: 404 for an unknown instance, 410 Gone for one that already finished.
    private static async Task<IResult> WhileRunningAsync(string id, DurableTaskClient client, Func<Task> action, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return Results.NotFound();
        }

        if (metadata.IsCompleted)
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }

        await action();
        return Results.Accepted();
    }

    private static JsonElement? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z";
}
