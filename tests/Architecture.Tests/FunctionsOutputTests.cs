using System.Text.Json;

namespace FedAvg.Architecture.Tests;

/// <summary>
/// What the Functions app ships to Azure: its build output (the publish folder holds the same managed
/// assemblies; scripts/check-publish.sh checks that folder too). Charts, console output and the emulator
/// belong to the local host only. (SkiaSharp is not on the list: TorchSharp itself depends on it.)
/// </summary>
public sealed class FunctionsOutputTests
{
    private static readonly string[] LocalOnly = ["FedAvg.Reporting", "FedAvg.Emulator", "ScottPlot", "Spectre.Console", "System.CommandLine", "fedavg"];

    [Fact]
    public void Functions_app_output_holds_no_local_host_assembly()
    {
        string folder = FunctionsOutput.Folder;
        string[] assemblies = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension).ToArray()!;
        Assert.Contains("FedAvg.Web", assemblies);
        Assert.DoesNotContain(assemblies, IsLocalOnly);
    }

    [Fact]
    public void Functions_app_dependency_graph_names_no_local_host_library()
    {
        string depsFile = Path.Combine(FunctionsOutput.Folder, "FedAvg.Orchestrator.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        string[] libraries = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/')[0])
            .ToArray();
        Assert.Contains("FedAvg.Workflow", libraries);
        Assert.DoesNotContain(libraries, IsLocalOnly);
    }

    private static bool IsLocalOnly(string name) =>
        LocalOnly.Any(prefix => name.Equals(prefix, StringComparison.Ordinal) || name.StartsWith(prefix + ".", StringComparison.Ordinal));
}
