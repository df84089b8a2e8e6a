using FedAvg.Common.Emulator;
using FedAvg.LocalHost.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Tests.Engine;

public sealed class SubOrchestrationPurgeTests
{
    private const int Rounds = 3;

    private static readonly TimeSpan Patience = FedAvg.LocalHost.Tests.Patience.For(TimeSpan.FromMinutes(3));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_finished_round_is_deleted_once_its_parent_records_it_and_a_failed_one_stays(bool keepRoundHistory)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var azurite = await AzuriteServer.StartAsync(location: null, cancellationToken: timeout.Token);
        var options = new LocalDurableEngineOptions(azurite.ConnectionString) { KeepRoundHistory = keepRoundHistory };
        await using var engine = await LocalDurableEngine.StartAsync(options, Register, timeout.Token);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Run", Rounds, timeout.Token);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, Rounds).Sum(r => 3 * r * r), done.ReadOutputAs<int>());

        if (!keepRoundHistory)
        {
            // The purges run behind the parent's commits; they are quick, so a short wait is plenty.
            var deadline = DateTime.UtcNow + FedAvg.LocalHost.Tests.Patience.For(TimeSpan.FromSeconds(20));
            while (engine.PurgedSubOrchestrations < Rounds && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        for (int round = 1; round <= Rounds; round++)
        {
            var instance = await engine.Client.GetInstanceAsync(RoundId(id, round), getInputsAndOutputs: false, timeout.Token);
            Assert.Equal(keepRoundHistory, instance is not null);
        }

        var broken = await engine.Client.GetInstanceAsync($"{id}:broken", getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, broken?.RuntimeStatus);
        Assert.Equal(keepRoundHistory ? 0 : Rounds, engine.PurgedSubOrchestrations);

        // The run's own record is untouched and still reads, output included, after its rounds are gone.
        var again = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(done.SerializedOutput, again?.SerializedOutput);
    }

    private static string RoundId(string runId, int round) => $"{runId}:round-{round}";

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, int>("Run", async (context, rounds) =>
        {
            int total = 0;
            for (int round = 1; round <= rounds; round++)
            {
                total += await context.CallSubOrchestratorAsync<int>(
                    "Round", round, new SubOrchestrationOptions { InstanceId = RoundId(context.InstanceId, round) });
            }

            try
            {
                await context.CallSubOrchestratorAsync<int>("Broken", 0, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:broken" });
            }
            catch (TaskFailedException)
            {
            }

            return total;
        });
        registry.AddOrchestratorFunc<int, int>("Round", async (context, round) =>
            (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => context.CallActivityAsync<int>("Square", round)))).Sum());
        registry.AddOrchestratorFunc<int, int>("Broken", Task<int> (_, _) => throw new InvalidOperationException("This round fails."));
        registry.AddActivityFunc<int, int>("Square", (_, x) => x * x);
    }
}
