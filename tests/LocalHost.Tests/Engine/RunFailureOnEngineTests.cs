using FedAvg.Common.Emulator;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Tests.Engine;

/// <summary>A run failed on the local engine (sidecar over Azure Storage) still says why, as fedavg train and fedavg runs show it.</summary>
public sealed class RunFailureOnEngineTests
{
    [Fact]
    public async Task The_reason_of_an_activitys_failure_reaches_the_client()
    {
        using var timeout = new CancellationTokenSource(Patience.For(TimeSpan.FromMinutes(3)));
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        await using var engine = await LocalDurableEngine.StartAsync(new LocalDurableEngineOptions(azurite.ConnectionString), registry =>
        {
            registry.AddOrchestratorFunc<int, int>("Prepare", (context, _) => context.CallActivityAsync<int>("PrepareRun", 1));
            registry.AddActivityFunc<int, int>("PrepareRun", (TaskActivityContext _, int _) => Task.FromException<int>(new InvalidOperationException("no Dirichlet draw fits")));
        }, timeout.Token);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Prepare", 0, timeout.Token);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("PrepareRun: no Dirichlet draw fits", RunFailure.Reason(done));
    }
}
