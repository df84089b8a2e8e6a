using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FedAvg.LocalHost.Engine;

/// <summary>How to run a <see cref="LocalDurableEngine"/>.</summary>
/// <param name="StorageConnectionString">Azure Storage account (Azurite or real) holding the task hub.</param>
internal sealed record LocalDurableEngineOptions(string StorageConnectionString)
{
    public const string DefaultTaskHubName = "fedavglocal";

    public string TaskHubName { get; init; } = DefaultTaskHubName;

    /// <summary>
    /// Activities run at once. Training is CPU-bound and TorchSharp already uses every core for one
    /// client, so a small number keeps the machine responsive without losing throughput.
    /// </summary>
    public int MaxConcurrentActivities { get; init; } = 2;

    /// <summary>
    /// How long a running activity's message stays hidden without renewal: after a crash, that activity
    /// runs again once this has passed. The engine renews it at a quarter of this while the activity runs.
    /// </summary>
    public TimeSpan ActivityLockTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest wait between polls of an idle queue: the most a message can sit before it is seen.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The environment variable that sets <see cref="KeepRoundHistory"/> when it is <c>1</c> or <c>true</c>.</summary>
    public const string KeepRoundHistoryVariable = "FEDAVG_KEEP_ROUND_HISTORY";

    /// <summary>
    /// Keeps each finished round's orchestration history in the task hub, for debugging. Off, a round's history is
    /// deleted once the run has recorded its outcome: the run's own history holds what the report needs.
    /// </summary>
    public bool KeepRoundHistory { get; init; }

    /// <summary>Whether <see cref="KeepRoundHistoryVariable"/> asks to keep the rounds' history.</summary>
    public static bool KeepRoundHistoryFromEnvironment(Func<string, string?>? read = null)
    {
        string? value = (read ?? Environment.GetEnvironmentVariable)(KeepRoundHistoryVariable)?.Trim();
        return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Null keeps the engine silent (the CLI owns the terminal).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Services the orchestrators and activities resolve from the worker's container.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Validates at the edge so a bad value fails here, not deep inside the storage provider.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            throw new ArgumentException("A storage connection string is required.", nameof(StorageConnectionString));
        }

        // Azure Storage queue/table/container names derive from the hub: 3-45 letters and digits.
        if (TaskHubName.Length is < 3 or > 45 || !TaskHubName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(TaskHubName[0]))
        {
            throw new ArgumentException($"Task hub name '{TaskHubName}' must be 3-45 letters or digits, starting with a letter.", nameof(TaskHubName));
        }

        if (ActivityLockTimeout < TimeSpan.FromSeconds(1) || ActivityLockTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(ActivityLockTimeout), ActivityLockTimeout, "Must be between 1 second and 10 minutes.");
        }

        // The provider never polls faster than every 50 ms, and a wait longer than a minute would stall a run's rounds.
        if (MaxQueuePollingInterval < TimeSpan.FromMilliseconds(50) || MaxQueuePollingInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueuePollingInterval), MaxQueuePollingInterval, "Must be between 50 milliseconds and 1 minute.");
        }

        if (MaxConcurrentActivities is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentActivities), MaxConcurrentActivities, "Must be between 1 and 64.");
        }
    }
}
