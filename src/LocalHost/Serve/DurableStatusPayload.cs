using System.Text.Json;

namespace FedAvg.LocalHost.Serve;

/// <summary>
/// An instance's status as Durable Functions' HTTP API answers it: input, custom status and output
/// as JSON values, times as ISO 8601 seconds in UTC.
/// </summary>
internal sealed record DurableStatusPayload(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    string CreatedTime,
    string LastUpdatedTime);
