namespace FedAvg.Notebooks.Tests;

/// <summary>The notebook and the real CIFAR-10 data, found from the test assembly's place in the repository.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebook => Path.Combine(Root, "notebooks", "fedavg.ipynb");

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
