using FedAvg.Common.Data;
using FedAvg.Common.Shards;
using FedAvg.Common.Storage;
using FedAvg.Common.Training;
using Azure.Storage.Blobs;

namespace FedAvg.Common.Orchestration;

/// <summary>What the activities of one process share: storage, the data source, a CPU gate and a data cache.</summary>
public sealed class FedAvgRuntime : IDisposable
{
    private readonly DatasetCache _cache;
    private readonly CancellationTokenSource _stopping = new();

    // Private, so no computation can skip the heap trim or slip past a stop.
    private readonly SemaphoreSlim _computeGate;
    private readonly int _computeSlots;

    public FedAvgRuntime(FedAvgStorage storage, FedAvgRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        Storage = storage;
        Options = options;
        _computeSlots = Math.Max(1, options.MaxConcurrentComputations);
        _computeGate = new SemaphoreSlim(_computeSlots);
        _cache = new DatasetCache(options.CacheBytes);
    }

    public FedAvgStorage Storage { get; }

    public FedAvgRuntimeOptions Options { get; }

    /// <summary>Cancelled by <see cref="StopComputationsAsync"/>: long computations (training) stop at their next batch.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Runs CPU-bound work once one of <see cref="FedAvgRuntimeOptions.MaxConcurrentComputations"/> slots admits it, then returns the native memory it freed
    /// to the operating system, so the process stays at the size of one computation.
    /// </summary>
    /// <param name="work">The computation.</param>
    /// <param name="whenAdmitted">Runs first once admitted: the wait can be long, so a check for whether the work
    /// is still wanted belongs here.</param>
    public async Task<T> ComputeAsync<T>(Func<T> work, Func<Task>? whenAdmitted = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _computeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _stopping.Token.ThrowIfCancellationRequested();
            if (whenAdmitted is not null)
            {
                await whenAdmitted().ConfigureAwait(false);
            }

            return work();
        }
        finally
        {
            NativeHeap.Trim();
            _computeGate.Release();
        }
    }

    /// <summary>
    /// Cancels what is computing and waits until nothing is, admitting nothing new: a host that exits while torch
    /// still runs on another thread crashes (SIGSEGV) as the native library is torn down under it. Call it after
    /// the durable worker has stopped, so a cancelled activity's failure reaches no one and the activity runs
    /// again when the run resumes.
    /// </summary>
    /// <returns>Whether everything stopped within <paramref name="timeout"/>.</returns>
    public async Task<bool> StopComputationsAsync(TimeSpan timeout)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + timeout;
        for (int slot = 0; slot < _computeSlots; slot++)
        {
            // The slots are kept: whatever still waits for the CPU is never admitted.
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _computeGate.WaitAsync(left).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a shard blob, from memory when this process has read it before (shards never change).</summary>
    public Task<CifarDataset> LoadShardAsync(BlobContainerClient container, string blob, CancellationToken cancellationToken = default) =>
        _cache.GetOrLoadAsync($"{container.Name}/{blob}", () => ReadShardAsync(container, blob, cancellationToken));

    /// <summary>Reads a shard blob without keeping it: for data only one activity needs, once.</summary>
    public static async Task<CifarDataset> ReadShardAsync(BlobContainerClient container, string blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var stream = await FedAvgStorage.DownloadAsync(container, blob, cancellationToken).ConfigureAwait(false);
        return ShardFormat.Read(stream, $"{container.Name}/{blob}");
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _computeGate.Dispose();
    }
}
