using FedAvg.Common.Emulator;
using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FedAvg.Common.Storage;
using FedAvg.LocalHost.Engine;
using FedAvg.LocalHost.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Tests.Engine;

public sealed class LocalDurableEngineTests
{
    // Well under ten minutes, the longest lock a test sets.
    private static readonly TimeSpan Patience = FedAvg.LocalHost.Tests.Patience.For(TimeSpan.FromMinutes(4));

    [Fact]
    public async Task Fan_out_orchestration_runs_every_activity_and_completes()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        await using var engine = await LocalDurableEngine.StartAsync(new LocalDurableEngineOptions(azurite.ConnectionString), registry =>
        {
            registry.AddOrchestratorFunc<int, int>("FanOut", async (context, n) =>
            {
                int[] squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => context.CallActivityAsync<int>("Square", i)));
                return squares.Sum();
            });
            registry.AddActivityFunc<int, int>("Square", (_, x) => x * x);
        }, timeout.Token);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 6, timeout.Token);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1 + 4 + 9 + 16 + 25 + 36, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Fan_out_runs_at_most_the_configured_activities_at_once_and_fills_every_slot()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        int running = 0;
        int peak = 0;
        var options = new LocalDurableEngineOptions(azurite.ConnectionString) { MaxConcurrentActivities = 2 };
        await using var engine = await LocalDurableEngine.StartAsync(options, registry =>
        {
            registry.AddOrchestratorFunc<int, int>("Wide", async (context, n) =>
            {
                int[] done = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Hold", i)));
                return done.Length;
            });
            registry.AddActivityFunc<int, int>("Hold", async (_, i) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(TimeSpan.FromMilliseconds(300));
                Interlocked.Decrement(ref running);
                return i;
            });
        }, timeout.Token);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wide", 10, timeout.Token);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());

        // The sidecar is told of more slots than this (so that it never sleeps on a full count): the limit is the engine's.
        Assert.Equal(2, Volatile.Read(ref peak));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    [Fact]
    public async Task New_engine_on_the_same_azurite_folder_resumes_without_rerunning_completed_activities()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var folder = new TempFolder();
        var runs = new ConcurrentDictionary<string, int>();
        var firstGateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverOpens = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        void Register(DurableTaskRegistry registry)
        {
            registry.AddOrchestratorFunc<string>("StepsThenGate", async context =>
            {
                await Task.WhenAll(new[] { "a", "b", "c" }.Select(step => context.CallActivityAsync<string>("Step", step)));
                return await context.CallActivityAsync<string>("Gate", "gate");
            });
            registry.AddActivityFunc<string, string>("Step", (_, step) =>
            {
                runs.AddOrUpdate(step, 1, (_, n) => n + 1);
                return step;
            });
            registry.AddActivityFunc<string, string>("Gate", (_, name) =>
            {
                // The first execution blocks until its engine is gone; any later one passes.
                if (runs.AddOrUpdate(name, 1, (_, n) => n + 1) == 1)
                {
                    firstGateStarted.TrySetResult();
                    return neverOpens.Task;
                }

                return Task.FromResult("opened");
            });
        }

        // The lock outlasts the test's patience: the gate runs a second time in time only if the
        // stopping engine handed its message back, never because the lock lapsed (no clock is read).
        LocalDurableEngineOptions Options(string connectionString) => new(connectionString) { ActivityLockTimeout = TimeSpan.FromMinutes(10) };

        string id;
        await using (var storage = await LocalStorage.OpenAsync(folder.Path, timeout.Token))
        await using (var engine = await LocalDurableEngine.StartAsync(Options(storage.ConnectionString), Register, timeout.Token))
        {
            id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("StepsThenGate", timeout.Token);
            await firstGateStarted.Task.WaitAsync(timeout.Token);
        }

        await using (var storage = await LocalStorage.OpenAsync(folder.Path, timeout.Token))
        await using (var engine = await LocalDurableEngine.StartAsync(Options(storage.ConnectionString), Register, timeout.Token))
        {
            OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("opened", done.ReadOutputAs<string>());
        }

        neverOpens.TrySetResult("abandoned");
        Assert.Equal(1, runs["a"]);
        Assert.Equal(1, runs["b"]);
        Assert.Equal(1, runs["c"]);
        Assert.Equal(2, runs["gate"]);
    }

    [Fact]
    public async Task Activity_running_longer_than_its_lock_timeout_runs_once()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        int runs = 0;
        var options = new LocalDurableEngineOptions(azurite.ConnectionString) { ActivityLockTimeout = TimeSpan.FromSeconds(2) };
        await using var engine = await LocalDurableEngine.StartAsync(options, registry =>
        {
            registry.AddOrchestratorFunc<string>("Slow", context => context.CallActivityAsync<string>("Sleep", 6));
            registry.AddActivityFunc<int, string>("Sleep", async (_, seconds) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                return "slept";
            });
        }, timeout.Token);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Slow", timeout.Token);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, Volatile.Read(ref runs));

        // Had the lock lapsed, the message would have been dequeued again, and the late completion
        // could not delete it (its pop receipt is stale): it would linger in the queue.
        var workItems = new QueueClient(azurite.ConnectionString, $"{LocalDurableEngineOptions.DefaultTaskHubName}-workitems");
        await Task.Delay(TimeSpan.FromSeconds(3), timeout.Token);
        QueueProperties queue = await workItems.GetPropertiesAsync(timeout.Token);
        Assert.Equal(0, queue.ApproximateMessagesCount);
    }

    [Fact]
    public async Task An_activities_only_engine_runs_the_activities_of_another_engines_orchestration_and_never_its_orchestrations()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        var options = new LocalDurableEngineOptions(azurite.ConnectionString);

        // The worker starts first, so had it taken the partition lease it would hold it now, and it knows no
        // orchestrator: any orchestration work item it took would fail the instance.
        await using var worker = await LocalDurableEngine.OpenAsync(options, timeout.Token);
        await worker.StartWorkerAsync(registry => registry.AddActivityFunc<int, string>("Where", (_, x) => $"worker:{x}"), EngineWork.ActivitiesOnly, timeout.Token);

        // The driver runs orchestrations only: every activity must have run on the worker.
        await using var driver = await LocalDurableEngine.OpenAsync(options, timeout.Token);
        await driver.StartWorkerAsync(registry => registry.AddOrchestratorFunc<int, string[]>("Spread", (context, n) =>
            Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<string>("Where", i)))), EngineWork.OrchestrationsOnly, timeout.Token);

        string id = await driver.Client.ScheduleNewOrchestrationInstanceAsync("Spread", 4, timeout.Token);
        OrchestrationMetadata done = await driver.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["worker:0", "worker:1", "worker:2", "worker:3"], done.ReadOutputAs<string[]>()!);
    }
}
