using System.Text.Json;

namespace FedAvg.Common.Orchestration;

/// <summary>The JSON shape of everything the product stores or answers: camelCase, like the HTTP API.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
