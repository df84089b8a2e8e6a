namespace FedAvg.Common.Orchestration.Activities;

/// <summary>
/// Reads items with up to a bounded number of reads in flight, and hands them on one at a time in their given order:
/// the transfers overlap, the consumer sees a fixed order, and at most <c>window</c> results wait in memory however
/// many items there are.
/// </summary>
internal static class OrderedDownloads
{
    public static async Task ForEachAsync<TItem, TValue>(
        IReadOnlyList<TItem> items, int window, Func<TItem, Task<TValue>> read, Action<TItem, TValue> consume)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(consume);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var reads = new Queue<Task<TValue>>(window);
        int next = 0;
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                for (; next < items.Count && reads.Count < window; next++)
                {
                    reads.Enqueue(read(items[next]));
                }

                consume(items[i], await reads.Dequeue().ConfigureAwait(false));
            }
        }
        finally
        {
            // A consumer that throws leaves reads running: they finish (and are dropped) before the caller goes on.
            foreach (var pending in reads)
            {
                await pending.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
