using FedAvg.Common.Http;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Tests.Http;

/// <summary>The real orchestrator whose PrepareRun fails: GET /api/runs/{id} says why in one line.</summary>
public sealed class RunFailureTests
{
    private const string Why = "Dirichlet partition of 2000 samples over 100 clients with alpha 0.5 left some client below 10 samples in all 101 draws";

    [Fact]
    public async Task A_failed_run_answers_the_activitys_reason_without_the_engines_wrapping()
    {
        await using var host = await InMemoryDurableHost.StartAsync(registry =>
        {
            FedAvgTasks.RegisterOrchestrator(registry);
            registry.AddActivityFunc<PrepareRunInput, PrepareRunResult>(
                ActivityNames.PrepareRun, (TaskActivityContext _, PrepareRunInput _) => Task.FromException<PrepareRunResult>(new PartitionException(Why)));
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.Orchestrator, Presets.Default.Request, timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);

        var context = HttpHarness.Request([], null);
        var (status, json, _) = await HttpHarness.ExecuteAsync(await RunEndpoint.HandleAsync(id, host.Client, timeout.Token), context);

        Assert.Equal(200, status);
        Assert.Equal("Failed", json.GetProperty("runtimeStatus").GetString());
        Assert.Equal($"{ActivityNames.PrepareRun}: {Why}", json.GetProperty("failure").GetString());
    }

    [Fact]
    public void The_orchestrators_own_failure_is_its_message()
    {
        var failure = new TaskFailureDetails("System.InvalidOperationException", "Round 2: fewer than minClientsPerRound=3 ...", null, null, null);

        Assert.Equal("Round 2: fewer than minClientsPerRound=3 ...", RunFailure.Reason(failure));
    }
}
