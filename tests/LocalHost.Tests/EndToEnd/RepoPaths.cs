namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>Where the built CLI and the real CIFAR-10 data are, relative to the repository.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The fedavg executable of the same configuration as these tests (…/bin/&lt;Config&gt;/net10.0/).</summary>
    public static string Fedavg
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            string path = Path.Combine(Root, "src", "LocalHost", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "fedavg.exe" : "fedavg");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/LocalHost first: {path} is missing.", path);
        }
    }

    /// <summary>The real CIFAR-10 binaries, which CI and the developers' machines keep beside the repository.</summary>
    public static string CifarData
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "cifar-10-batches-bin"));
            return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The real CIFAR-10 data is expected at {path}.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FedAvg.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("FedAvg.Functions.sln not found above the test assembly.");
    }
}
