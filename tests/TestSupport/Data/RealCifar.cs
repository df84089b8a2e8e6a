namespace FedAvg.Common.Tests.Data;

/// <summary>Where the real CIFAR-10 binary files are on this machine, if anywhere.</summary>
public static class RealCifar
{
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("FEDAVG_DATA"),
        };

        // ../shared/data beside the repository (as CI lays it out), or the repository's own ./data folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", "data", "cifar-10-batches-bin"));
            candidates.Add(Path.Combine(dir.FullName, "data", "cifar-10-batches-bin"));
        }

        return candidates.FirstOrDefault(path => !string.IsNullOrWhiteSpace(path) && File.Exists(Path.Combine(path, "data_batch_1.bin")));
    }
}

/// <summary>A fact that needs the real data set; skipped, with the reason, where it is absent.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (RealCifar.Directory is null)
        {
            Skip = "Real CIFAR-10 not found: set FEDAVG_DATA to a cifar-10-batches-bin folder.";
        }
    }
}
