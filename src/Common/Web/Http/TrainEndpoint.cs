using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary><c>POST /api/train</c>: validate the request, schedule the run, answer 202 with its management URLs.</summary>
public static class TrainEndpoint
{
    public const long MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, DurableTaskClient client, Func<string, ManagementUrls> management, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(management);
        if (request.ContentType is { Length: > 0 } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "body", $"must be application/json, not {type}");
        }

        byte[]? body = BodyReader.DeclaresMoreThan(request, MaxBodyBytes)
            ? null
            : await BodyReader.ReadAsync(request.Body, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Field(StatusCodes.Status413PayloadTooLarge, "Request too large", "body", $"must be at most {MaxBodyBytes} bytes");
        }

        var training = TrainingRequestParser.Parse(body, out var errors);
        if (training is null)
        {
            return Problems.Fields(StatusCodes.Status400BadRequest, "Invalid training request", errors.ToDictionary());
        }

        string id = await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, training, cancellationToken).ConfigureAwait(false);
        var urls = management(id);
        return Results.Accepted(urls.StatusQueryGetUri, urls);
    }
}
