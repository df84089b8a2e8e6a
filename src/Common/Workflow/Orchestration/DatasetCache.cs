using System.Collections.Concurrent;
using FedAvg.Common.Data;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Immutable data sets by key, evicting the oldest beyond a byte budget. Safe because every cached
/// blob name is written once with deterministic content.
/// </summary>
internal sealed class DatasetCache(long budgetBytes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CifarDataset>>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public async Task<CifarDataset> GetOrLoadAsync(string key, Func<Task<CifarDataset>> load)
    {
        var entry = _entries.GetOrAdd(key, k =>
        {
            _order.Enqueue(k);
            return new Lazy<Task<CifarDataset>>(load);
        });
        try
        {
            var dataset = await entry.Value.ConfigureAwait(false);
            Evict();
            return dataset;
        }
        catch
        {
            // A failed load is not cached: the next attempt (an activity retry) reads again.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<CifarDataset>>>(key, entry));
            throw;
        }
    }

    private void Evict()
    {
        while (Size() > budgetBytes && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    private long Size() => _entries.Values
        .Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully)
        .Sum(e => (long)e.Value.Result.Pixels.Length);
}
