using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class FedAvgRuntimeTests
{
    [Fact]
    public async Task Stopping_cancels_the_running_computation_waits_for_it_and_admits_no_other()
    {
        using var runtime = new FedAvgRuntime(FedAvgStorage.FromConnectionString("UseDevelopmentStorage=true"), new FedAvgRuntimeOptions
        {
            ResolveDataDirectory = _ => Task.FromResult("unused"),
        });
        using var started = new SemaphoreSlim(0);
        bool queuedRan = false;
        // On another thread: an admitted computation runs inline on its caller.
        Task<int> running = Task.Run(() => runtime.ComputeAsync(() =>
        {
            started.Release();
            // Stands for training: checks the token every "batch".
            while (true)
            {
                runtime.Stopping.ThrowIfCancellationRequested();
                Thread.Sleep(10);
            }

#pragma warning disable CS0162 // the loop only ends by cancellation
            return 0;
#pragma warning restore CS0162
        }));
        await started.WaitAsync();
        Task<int> queued = runtime.ComputeAsync(() =>
        {
            queuedRan = true;
            return 1;
        });

        bool stopped = await runtime.StopComputationsAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopped);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.False(queued.IsCompleted && !queued.IsFaulted && !queued.IsCanceled, "a computation was admitted after the stop");
        Assert.False(queuedRan);
    }

    [Fact]
    public async Task Stopping_reports_a_computation_that_does_not_end_in_time()
    {
        using var runtime = new FedAvgRuntime(FedAvgStorage.FromConnectionString("UseDevelopmentStorage=true"), new FedAvgRuntimeOptions
        {
            ResolveDataDirectory = _ => Task.FromResult("unused"),
        });
        using var release = new ManualResetEventSlim();
        using var started = new SemaphoreSlim(0);
        Task<int> stubborn = Task.Run(() => runtime.ComputeAsync(() =>
        {
            started.Release();
            release.Wait();
            return 0;
        }));
        await started.WaitAsync();

        bool stopped = await runtime.StopComputationsAsync(TimeSpan.FromMilliseconds(200));

        Assert.False(stopped);
        release.Set();
        Assert.Equal(0, await stubborn);
    }
}
