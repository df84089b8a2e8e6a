using System.Threading.Channels;
using DurableTask.Core;
using DurableTask.Core.History;

namespace FedAvg.LocalHost.Engine;

/// <summary>
/// Deletes a completed sub-orchestration (a run's round) from the task hub once its parent has durably recorded the
/// result. Nothing reads a finished round's history again: the run keeps the round's outcome in its own history.
/// Without this, each round of 200 clients left ~820 history rows behind, and Azurite, which rewrites its whole table
/// database every few seconds on the thread that also serves blobs, got slower with every round (bench/results/scale.md).
/// A purge lost to a crash or an unreachable storage leaves history behind: a cost, never a wrong result.
/// </summary>
internal sealed class SubOrchestrationPurger : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<string, Task> _purge;
    private readonly Task _loop;
    private long _purged;
    private long _failed;

    /// <param name="purge">Deletes one instance's history and state from the task hub.</param>
    public SubOrchestrationPurger(Func<string, Task> purge)
    {
        _purge = purge;
        _loop = Task.Run(DrainAsync);
    }

    /// <summary>Sub-orchestrations deleted so far.</summary>
    public long Purged => Interlocked.Read(ref _purged);

    /// <summary>Purges that failed; their history stays in the task hub.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// The instance ids of the sub-orchestrations whose completion <paramref name="state"/> has just recorded: its new
    /// completion events, matched to the creation events (the parent's own history) that name the instance.
    /// Failed sub-orchestrations are not among them: their history is what a user looks at.
    /// </summary>
    public static IReadOnlyList<string> RecordedCompletions(OrchestrationRuntimeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        List<string>? ids = null;
        foreach (HistoryEvent e in state.NewEvents)
        {
            if (e is not SubOrchestrationInstanceCompletedEvent completed)
            {
                continue;
            }

            foreach (HistoryEvent past in state.Events)
            {
                if (past is SubOrchestrationInstanceCreatedEvent created && created.EventId == completed.TaskScheduledId
                    && !string.IsNullOrEmpty(created.InstanceId))
                {
                    (ids ??= []).Add(created.InstanceId);
                    break;
                }
            }
        }

        return ids ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Queues <paramref name="instanceIds"/> for deletion, behind the caller's commit, which it does not delay.</summary>
    public void Enqueue(IEnumerable<string> instanceIds)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        foreach (string id in instanceIds)
        {
            _pending.Writer.TryWrite(id);
        }
    }

    /// <summary>Finishes the queued purges, for at most a few seconds: shutdown does not wait on storage that is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task DrainAsync()
    {
        await foreach (string id in _pending.Reader.ReadAllAsync())
        {
            try
            {
                await _purge(id);
                Interlocked.Increment(ref _purged);
            }
#pragma warning disable CA1031 // A purge that fails leaves history behind; the run it belongs to must not notice.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
