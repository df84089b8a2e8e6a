using System.Diagnostics;

namespace FedAvg.Infra.Tests;

/// <summary>
/// infra/bin/main.json, compiled by infra/build.sh. Built here when it is missing or older than a
/// Bicep source (so `dotnet test tests/Infra.Tests` works on its own); `make test` builds it first.
/// </summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<ArmTemplate> Template = new(Load);

    public static ArmTemplate Value => Template.Value;

    /// <summary>A private copy that a test may change.</summary>
    public static ArmTemplate Copy() => Value.Clone();

    public static string RepoRoot { get; } = FindRepoRoot();

    private static ArmTemplate Load()
    {
        var json = Path.Combine(RepoRoot, "infra", "bin", "main.json");
        if (IsStale(json))
        {
            RunBuildScript();
        }
        if (!File.Exists(json))
        {
            throw new InvalidOperationException(
                $"{json} is missing and infra/build.sh did not produce it; run `bash infra/build.sh` and read its output.");
        }
        return ArmTemplate.Load(json);
    }

    private static bool IsStale(string json)
    {
        if (!File.Exists(json))
        {
            return true;
        }
        var built = File.GetLastWriteTimeUtc(json);
        var infra = Path.Combine(RepoRoot, "infra");
        return Directory.EnumerateFiles(infra, "*.bicep", SearchOption.AllDirectories)
            .Append(Path.Combine(infra, "bicepconfig.json"))
            .Where(f => !f.StartsWith(Path.Combine(infra, "bin"), StringComparison.Ordinal))
            .Any(f => File.Exists(f) && File.GetLastWriteTimeUtc(f) > built);
    }

    private static void RunBuildScript()
    {
        var start = new ProcessStartInfo("bash", ["infra/build.sh"])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start `bash infra/build.sh`");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`bash infra/build.sh` failed with exit code {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FedAvg.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"no FedAvg.Functions.sln in {AppContext.BaseDirectory} or any folder above it");
    }
}
