using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Http;

/// <summary>
/// <c>GET /api/train/schema</c>: the JSON Schema of a training request (<see cref="TrainingRequestSchema"/>),
/// from which a client can build its start-a-run form: fields, defaults, ranges, help, CLI options, presets.
/// </summary>
public static class TrainSchemaEndpoint
{
    public const string ContentType = "application/schema+json";

    // Derived from static tables, so the same for the life of the process.
    private static readonly string Schema = TrainingRequestSchema.Create().ToJsonString(JsonDefaults.Indented);

    public static IResult Handle() => Results.Text(Schema, ContentType);
}
