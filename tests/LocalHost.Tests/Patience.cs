namespace FedAvg.LocalHost.Tests;

/// <summary>
/// How long the tests wait for a process or a run before calling it hung. Each test names what an idle 2-core
/// machine needs, with room; that is stretched threefold here, because a loaded machine (a CI neighbour, the
/// suite's own parallel tests, each starting fedavg and Azurite) once took more than a minute to print fedavg's
/// first line. These waits end as soon as the awaited thing happens, so only a real hang pays the stretch.
/// </summary>
internal static class Patience
{
    private const int Stretch = 3;

    public static TimeSpan For(TimeSpan idle) => idle * Stretch;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails once the stretched <paramref name="idle"/> has passed.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan idle)
    {
        var deadline = DateTime.UtcNow + For(idle);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {For(idle)}");
            await Task.Delay(250);
        }
    }
}
