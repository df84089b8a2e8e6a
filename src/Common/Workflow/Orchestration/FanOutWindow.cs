namespace FedAvg.Common.Orchestration;

/// <summary>
/// Starts tasks in order with at most a given number unfinished at once, starting the next as one finishes, and
/// hands each result on as it finishes. Orchestration-safe: it waits on nothing but the tasks (Task.WhenAny over
/// a list in start order), so a replay takes the same path.
/// </summary>
internal static class FanOutWindow
{
    /// <param name="start">Starts item <c>i</c> of <paramref name="count"/>.</param>
    /// <param name="finished">Gets item <c>i</c>'s result as it finishes.</param>
    public static async Task RunAsync<T>(int count, int window, Func<int, Task<T>> start, Action<int, T> finished)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(finished);
        var pending = new List<(Task<T> Task, int Index)>(Math.Min(count, window));
        int next = 0;
        while (next < count || pending.Count > 0)
        {
            for (; next < count && pending.Count < window; next++)
            {
                pending.Add((start(next), next));
            }

            var done = await Task.WhenAny(pending.Select(p => p.Task)).ConfigureAwait(true);
            int at = pending.FindIndex(p => p.Task == done);
            int index = pending[at].Index;
            pending.RemoveAt(at);
            finished(index, await done.ConfigureAwait(true));
        }
    }
}
