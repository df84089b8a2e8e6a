using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FedAvg.LocalHost.Serve;

/// <summary>
/// Puts the training request's JSON Schema (<see cref="TrainingRequestSchema"/>, derived from the
/// field table) into the OpenAPI document in place of the one reflected from the record, so
/// <c>POST /api/train</c> is documented with the ranges, defaults, help and presets the API enforces.
/// </summary>
internal static class TrainingRequestOpenApi
{
    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var schema = OpenApiModelFactory.Parse<OpenApiSchema>(
            TrainingRequestSchema.Create().ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out _, OpenApiConstants.Json);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[nameof(TrainingRequest)] = schema
            ?? throw new InvalidOperationException("The training request schema does not read as OpenAPI.");
        return Task.CompletedTask;
    }
}
