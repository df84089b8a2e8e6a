using DurableTask.AzureStorage;

namespace FedAvg.LocalHost.Engine;

/// <summary>
/// Azure Storage provider settings for one local node. The defaults suit a scaled-out Functions app;
/// here a single process must pick its own unfinished work back up within seconds of a restart.
/// </summary>
internal static class EngineTuning
{
    /// <summary>Renewal period, well inside the lock timeout so one slow renewal never loses the lock.</summary>
    public static TimeSpan ActivityRenewal(LocalDurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ActivityLockTimeout / 4;
    }

    public static AzureStorageOrchestrationServiceSettings Create(LocalDurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
            TaskHubName = options.TaskHubName,

            // A fresh identity per engine: a restarted process must not mistake a dead process's
            // partition lease for its own.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}",

            // One node: one control queue to poll, and no app lease to wait out after a crash.
            PartitionCount = 1,
            UseAppLease = false,

            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = 8,

            // Recovery after a crash is bounded by these: a killed process's messages reappear and its
            // partition lease expires within seconds (15 s is the shortest blob lease Azure allows).
            WorkItemQueueVisibilityTimeout = options.ActivityLockTimeout,
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            LeaseInterval = TimeSpan.FromSeconds(15),
            LeaseRenewInterval = TimeSpan.FromSeconds(5),
            LeaseAcquireInterval = TimeSpan.FromSeconds(5),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        };

        if (options.LoggerFactory is not null)
        {
            settings.LoggerFactory = options.LoggerFactory;
        }

        return settings;
    }
}
