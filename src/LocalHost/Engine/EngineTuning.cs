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
            // An idle queue is polled ever less often, up to this. Each round waits on an idle queue a few times (the
            // training fan-out after evaluation, the round's completion after it), so this bound is paid several times a
            // round. Going from 1 s to 100 ms gained less than expected (bench/results/scale.md: the larger wait was the
            // sidecar's, see ActivityLockKeeper). Azurite takes 10 polls a second per queue without notice; on Azure,
            // host.json's maxQueuePollingInterval decides, since each poll is billed.
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        };

        if (options.LoggerFactory is not null)
        {
            settings.LoggerFactory = options.LoggerFactory;
        }

        return settings;
    }
}
