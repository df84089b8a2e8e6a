namespace FedAvg.Common.Orchestration;

/// <summary>How the activities of one process reach data and share the CPU.</summary>
public sealed record FedAvgRuntimeOptions
{
    /// <summary>
    /// Finds a local folder with the CIFAR-10 binary files when the data set is not yet in blob
    /// storage (a configured folder, or a download). Called at most once per import.
    /// </summary>
    public required Func<CancellationToken, Task<string>> ResolveDataDirectory { get; init; }

    /// <summary>
    /// CPU-bound work (training, evaluation, partitioning) admitted at once in this process. Torch
    /// already uses every core for one job, so more only adds contention.
    /// </summary>
    public int MaxConcurrentComputations { get; init; } = 1;

    /// <summary>Data sets and shards kept in memory between activities, in bytes.</summary>
    public long CacheBytes { get; init; } = 512L << 20;

    /// <summary>The environment variable (app setting) that sets <see cref="KeepClientUpdates"/> when it is <c>1</c> or <c>true</c>.</summary>
    public const string KeepClientUpdatesVariable = "FEDAVG_KEEP_UPDATES";

    /// <summary>
    /// Keeps every round's client updates in storage, for debugging. Off, a round's updates are deleted once its aggregate
    /// is recorded: a 60-round run otherwise leaves gigabytes of weights behind that nothing reads again.
    /// </summary>
    public bool KeepClientUpdates { get; init; }

    /// <summary>Whether <see cref="KeepClientUpdatesVariable"/> asks to keep the updates.</summary>
    public static bool KeepClientUpdatesFromEnvironment(Func<string, string?>? read = null)
    {
        string? value = (read ?? Environment.GetEnvironmentVariable)(KeepClientUpdatesVariable)?.Trim();
        return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }
}
