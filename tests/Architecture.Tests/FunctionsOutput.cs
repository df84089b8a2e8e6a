namespace FedAvg.Architecture.Tests;

/// <summary>The Functions app's build output folder, in the configuration these tests were built in.</summary>
internal static class FunctionsOutput
{
    public static string Folder { get; } = Locate();

    private static string Locate()
    {
        // tests/Architecture.Tests/bin/<Configuration>/net10.0 -> src/Orchestrator/bin/<Configuration>/net10.0
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        string framework = here.Name;
        string configuration = here.Parent!.Name;
        DirectoryInfo repo = here;
        while (repo.Parent is not null && !File.Exists(Path.Combine(repo.FullName, "FedAvg.Functions.sln")))
        {
            repo = repo.Parent;
        }

        string folder = Path.Combine(repo.FullName, "src", "Orchestrator", "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, "FedAvg.Orchestrator.dll"))
            ? folder
            : throw new InvalidOperationException($"The Functions app is not built at {folder}.");
    }
}
