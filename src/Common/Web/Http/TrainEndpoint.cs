using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary>
/// <c>POST /api/train</c>: validate the request (each field, then whether its partition can be drawn
/// from the training labels), schedule the run, answer 202 with its management URLs. A request that
/// cannot run is refused with 400 naming the fields, and nothing is scheduled.
/// </summary>
public static class TrainEndpoint
{
    public const long MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, DurableTaskClient client, TrainingLabels labels, Func<string, ManagementUrls> management, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(labels);
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
            return Problems.Fields(StatusCodes.Status400BadRequest, "Invalid training request", errors);
        }

        // Without labels (no training set in storage or on disk yet) PrepareRun makes the same check later.
        if (await labels.ReadAsync(cancellationToken).ConfigureAwait(false) is { } trainingLabels
            && RunPartition.Check(training, trainingLabels) is { Any: true } unsplittable)
        {
            return Problems.Fields(StatusCodes.Status400BadRequest, "Training request cannot run", unsplittable);
        }

        string id = await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, training, cancellationToken).ConfigureAwait(false);
        var urls = management(id);
        return Results.Accepted(urls.StatusQueryGetUri, urls);
    }
}
