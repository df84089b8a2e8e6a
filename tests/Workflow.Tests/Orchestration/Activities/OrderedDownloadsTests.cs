using FedAvg.Common.Orchestration.Activities;

namespace FedAvg.Common.Tests.Orchestration.Activities;

public sealed class OrderedDownloadsTests
{
    [Fact]
    public async Task Reads_finishing_in_any_order_are_consumed_in_the_given_order_with_at_most_the_window_in_flight()
    {
        int[] items = [.. Enumerable.Range(0, 50)];
        var gates = items.Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        int inFlight = 0, mostInFlight = 0;
        var consumed = new List<int>();

        var loop = OrderedDownloads.ForEachAsync(items, window: 4, async item =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            int value = await gates[item].Task;
            Interlocked.Decrement(ref inFlight);
            return value;
        }, (item, value) => consumed.Add(value * 1000 + item));

        // Release the reads in reverse pairs: each later read finishes before the one the consumer waits for.
        for (int i = 0; i < items.Length; i += 2)
        {
            gates[Math.Min(i + 1, items.Length - 1)].TrySetResult(Math.Min(i + 1, items.Length - 1));
            await Task.Yield();
            gates[i].TrySetResult(i);
        }

        await loop;
        Assert.Equal(items.Select(i => (i * 1000) + i), consumed);
        Assert.InRange(mostInFlight, 1, 4);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public async Task Results_alive_at_once_do_not_grow_with_the_number_of_items(int count)
    {
        // Each result is 1 MB; whatever the consumer has let go of must be collectable.
        const int window = 4;
        var alive = new List<WeakReference<float[]>>();
        int mostAlive = 0;
        await OrderedDownloads.ForEachAsync([.. Enumerable.Range(0, count)], window, async _ =>
        {
            await Task.Yield();
            var data = new float[256 * 1024];
            lock (alive)
            {
                alive.Add(new WeakReference<float[]>(data));
            }

            return data;
        }, (_, data) =>
        {
            data[0] = 1;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            lock (alive)
            {
                mostAlive = Math.Max(mostAlive, alive.Count(w => w.TryGetTarget(out float[]? _)));
            }
        });

        // The one being consumed, the window read ahead, and one the collector may not have seen released yet.
        Assert.InRange(mostAlive, 1, window + 2);
    }

    [Fact]
    public async Task A_consumer_that_throws_stops_the_loop_after_the_reads_in_flight_have_finished()
    {
        int finished = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrderedDownloads.ForEachAsync([.. Enumerable.Range(0, 20)], 3, async item =>
        {
            await Task.Delay(1);
            Interlocked.Increment(ref finished);
            return item;
        }, (item, _) => _ = item == 2 ? throw new InvalidOperationException("bad update") : 0));

        Assert.Equal("bad update", error.Message);
        Assert.InRange(Volatile.Read(ref finished), 3, 6);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
