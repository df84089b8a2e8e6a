using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class FanOutWindowTests
{
    [Fact]
    public async Task No_more_than_the_window_is_unfinished_at_once_and_every_item_finishes()
    {
        const int count = 50, window = 8;
        var gates = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<int>()).ToArray();
        var started = new List<int>();
        int unfinished = 0, most = 0;
        var results = new Dictionary<int, int>();

        var run = FanOutWindow.RunAsync(count, window, i =>
        {
            started.Add(i);
            most = Math.Max(most, ++unfinished);
            return gates[i].Task;
        }, (i, value) =>
        {
            unfinished--;
            results[i] = value;
        });

        // Finish them newest first within what has started, so completions come out of start order.
        while (!run.IsCompleted)
        {
            int last = started.FindLast(i => !gates[i].Task.IsCompleted);
            gates[last].SetResult(last * 10);
            await Task.Yield();
        }

        await run;
        Assert.Equal(window, most);
        Assert.Equal(Enumerable.Range(0, count), started);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 10), Enumerable.Range(0, count).Select(i => results[i]));
    }
}
