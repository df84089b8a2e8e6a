using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace FedAvg.LocalHost.Engine;

/// <summary>
/// Wraps the storage provider so that activity messages stay locked while they run. The in-process
/// sidecar never renews activity work items (DTFx's own dispatcher does), so without this a training
/// activity longer than the queue's visibility timeout would reappear and run a second time.
/// It also mends the sub-orchestration start messages the sidecar writes (see CompleteTaskOrchestrationWorkItemAsync).
/// It is also where the engine's <see cref="Work"/> is enforced: work it may not take is never
/// dequeued, so it stays in the task hub, untouched, for another engine. And it is where the engine's activity
/// concurrency is held: a slot freed by a finished activity is handed to the next dequeue at once. Last, it sees each
/// parent commit a finished sub-orchestration's result, after which <paramref name="purger"/> may delete that history.
/// </summary>
internal sealed class ActivityLockKeeper(
    IOrchestrationService inner,
    TimeSpan renewalPeriod,
    Func<Task>? startActivitiesOnly = null,
    Action? stopActivitiesOnly = null,
    SubOrchestrationPurger? purger = null)
    : IOrchestrationService, IDisposable
{
    private const int Created = 0;
    private const int Started = 1;
    private const int Stopped = 2;

    private readonly ConcurrentDictionary<string, Renewal> _held = new(StringComparer.Ordinal);

    // The activities this engine runs at once. The sidecar has a limit of its own, but a full sidecar looks for a
    // free slot only every 500 ms: with activities of half a second (a 50-image client), that poll was a quarter of
    // each slot's time. The slots live here instead, and the sidecar is told of more than it can ever fill.
    private readonly SemaphoreSlim _slots = new(inner.MaxConcurrentTaskActivityWorkItems);
    private int _state = Created;
    private volatile EngineWork _work = EngineWork.None;

    /// <summary>
    /// Set before a worker connects. Until then nothing is taken: the sidecar also starts dispatching
    /// when it shuts down without ever having had a worker, and that must not dequeue anything.
    /// </summary>
    public EngineWork Work
    {
        get => _work;
        set => _work = value;
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    /// <summary>
    /// What the sidecar is told: twice the real slots and one more, since it still counts an activity whose slot was
    /// handed on until its completion is written, and one fetch waits on a slot. It never reaches this, so never polls.
    /// </summary>
    public int MaxConcurrentTaskActivityWorkItems => (2 * inner.MaxConcurrentTaskActivityWorkItems) + 1;

    /// <summary>Activity work items currently locked by this engine.</summary>
    public int HeldCount => _held.Count;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        if (_work is not (EngineWork.Everything or EngineWork.ActivitiesOnly))
        {
            return await WithheldAsync<TaskActivityWorkItem>(cancellationToken);
        }

        await _slots.WaitAsync(cancellationToken);
        TaskActivityWorkItem? workItem = null;
        try
        {
            workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        }
        finally
        {
            if (workItem is null)
            {
                _slots.Release();
            }
        }

        if (workItem is not null)
        {
            var renewal = new Renewal(workItem);
            renewal.Loop = RenewUntilReleasedAsync(workItem, renewal.Stop.Token);
            _held[workItem.Id] = renewal;
        }

        return workItem!;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await ReleaseAsync(workItem.Id);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await ReleaseAsync(workItem.Id);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <summary>
    /// On shutdown: hands every running activity back to the queue at once, so the next engine on the
    /// same task hub picks it up within seconds instead of waiting out the visibility timeout.
    /// </summary>
    public async Task AbandonAllAsync()
    {
        foreach (string id in _held.Keys.ToArray())
        {
            if (await ReleaseAsync(id) is { } workItem)
            {
                await inner.AbandonTaskActivityWorkItemAsync(workItem);
            }
        }
    }

    public async Task StartAsync()
    {
        // Without work to take, the provider stays stopped: it would otherwise lease the control queue.
        if (_work == EngineWork.None)
        {
            return;
        }

        // Activities alone need the work-item queue, not the partition lease that starting the provider would take.
        if (_work == EngineWork.ActivitiesOnly)
        {
            await (startActivitiesOnly ?? throw new InvalidOperationException("This provider cannot run activities alone."))();
        }
        else
        {
            await inner.StartAsync();
        }

        Interlocked.Exchange(ref _state, Started);
    }

    /// <summary>Frees the slots: only once the sidecar that waits on them has stopped.</summary>
    public void Dispose() => _slots.Dispose();

    public Task StopAsync() => StopOnceAsync();

    public Task StopAsync(bool isForced) => StopOnceAsync();

    /// <summary>
    /// Stops the provider if it was started and not yet stopped: both the engine and the sidecar stop
    /// it, and the provider fails if stopped before it started.
    /// </summary>
    public Task StopOnceAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Stopped, Started) != Started)
        {
            return Task.CompletedTask;
        }

        if (_work == EngineWork.ActivitiesOnly)
        {
            stopActivitiesOnly?.Invoke();
            return Task.CompletedTask;
        }

        return inner.StopAsync(isForced: true);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _work is EngineWork.None or EngineWork.ActivitiesOnly
            ? WithheldAsync<TaskOrchestrationWorkItem>(cancellationToken)
            : inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(orchestratorMessages);

        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);

        // The sidecar hands a sub-orchestration's tags on as the gRPC message's own map type, which the provider
        // serialises with its type name and then cannot read back: the sub-orchestration would never start.
        foreach (TaskMessage message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent { Tags: { } tags } started && tags is not Dictionary<string, string>)
            {
                started.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            }
        }

        // It also records a sub-orchestration's creation as a subclass of its own that the provider's history table
        // writes without an event type, so the parent's history could no longer be read: record the plain event.
        for (int i = 0; i < newOrchestrationRuntimeState.NewEvents.Count; i++)
        {
            if (newOrchestrationRuntimeState.NewEvents[i] is SubOrchestrationInstanceCreatedEvent created
                && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                var plain = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                };
                int at = newOrchestrationRuntimeState.Events.IndexOf(created);
                if (at >= 0)
                {
                    newOrchestrationRuntimeState.Events[at] = plain;
                }

                newOrchestrationRuntimeState.NewEvents[i] = plain;
            }
        }

        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

        // Only now is the sub-orchestration's result in the parent's own history, so only now may its history go.
        purger?.Enqueue(SubOrchestrationPurger.RecordedCompletions(newOrchestrationRuntimeState));
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    // Work this engine may not take: the dispatcher waits here until it stops (it treats a cancelled
    // fetch as shutdown), rather than polling for nothing.
    private static async Task<T> WithheldAsync<T>(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }

    // Stops renewing and waits for a renewal in flight: the provider swaps the message's pop receipt on
    // each renewal, so completing concurrently with one could delete with a stale receipt.
    private async Task<TaskActivityWorkItem?> ReleaseAsync(string workItemId)
    {
        if (!_held.TryRemove(workItemId, out Renewal? renewal))
        {
            return null;
        }

        // The activity has finished: the next one may be dequeued while this one's message is deleted.
        _slots.Release();
        await renewal.Stop.CancelAsync();
        await renewal.Loop;
        renewal.Stop.Dispose();
        return renewal.WorkItem;
    }

    private async Task RenewUntilReleasedAsync(TaskActivityWorkItem workItem, CancellationToken released)
    {
        using var timer = new PeriodicTimer(renewalPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(released))
            {
                try
                {
                    await inner.RenewTaskActivityWorkItemLockAsync(workItem);
                }
#pragma warning disable CA1031 // A failed renewal is retried on the next tick; the activity itself must not fail for it.
                catch (Exception) when (!released.IsCancellationRequested)
#pragma warning restore CA1031
                {
                }
            }
        }
        catch (OperationCanceledException) when (released.IsCancellationRequested)
        {
        }
    }

    private sealed class Renewal(TaskActivityWorkItem workItem)
    {
        public TaskActivityWorkItem WorkItem { get; } = workItem;

        public CancellationTokenSource Stop { get; } = new();

        public Task Loop { get; set; } = Task.CompletedTask;
    }
}
