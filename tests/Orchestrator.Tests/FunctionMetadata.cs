using System.Text.Json;

namespace FedAvg.Orchestrator.Tests;

/// <summary>
/// The functions.metadata file the worker SDK writes at build time: what the Functions host reads to
/// know each function's trigger, route, methods and auth level.
/// </summary>
internal static class FunctionMetadata
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    public static IReadOnlyList<JsonElement> All => Functions.Value;

    /// <summary>The Functions app's build output, where functions.metadata and host.json are.</summary>
    public static string OutputFolder => Path.GetDirectoryName(Locate())!;

    public static JsonElement Function(string name) =>
        Functions.Value.SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } function
            ? function
            : throw new Xunit.Sdk.XunitException($"No function named '{name}' in functions.metadata.");

    public static JsonElement Trigger(string name) =>
        Function(name).GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static JsonElement[] Load()
    {
        string path = Locate();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static string Locate()
    {
        // tests/Orchestrator.Tests/bin/<Configuration>/net10.0/ -> src/Orchestrator/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "Orchestrator", "bin", configuration, framework, "functions.metadata");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"functions.metadata of src/Orchestrator ({configuration}) was not found; build the solution first.");
    }
}
