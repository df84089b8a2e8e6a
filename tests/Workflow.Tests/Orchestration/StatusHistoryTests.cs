using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// A run's status holds only its latest rounds, so it stays one table property (64 KiB) however many rounds the run has:
/// a 100-round scale run whose status held them all stopped updating it after round 60.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusHistoryTests(AzuriteFixture azurite)
{
    private const int Rounds = RunStatus.HistoryLimit + 5;

    // A table property holds 64 KiB: 32,768 UTF-16 characters.
    private const int TablePropertyCharacters = 32 * 1024;

    [Fact]
    public async Task The_status_keeps_the_latest_rounds_and_counts_them_all_while_the_result_keeps_every_round()
    {
        // Training is not the point here: client 0 sends the global model back unchanged, client 1 a NaN that
        // aggregation rejects, so every round records a failure.
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
            OrchestrationHarness.AddEchoTraining(registry, runtime, alter: (input, global) =>
            {
                if (input.Client == 1)
                {
                    global.Tensors.First(t => t.FloatData is not null).FloatData![0] = float.NaN;
                }
            }), ActivityNames.TrainClient);

        var request = OrchestrationHarness.SmallRequest with { Rounds = Rounds, Clients = 2, ClientsPerRound = 2, Partition = "iid", TrainLimit = 20, TestLimit = 20 };
        var run = await harness.RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<RunResult>()!;
        Assert.Equal(Enumerable.Range(1, Rounds), result.History.Select(r => r.Round));
        Assert.Equal(Enumerable.Range(1, Rounds), result.FailedClients.Select(f => f.Round));
        var status = run.ReadCustomStatusAs<RunStatus>()!;
        var kept = Enumerable.Range(Rounds - RunStatus.HistoryLimit + 1, RunStatus.HistoryLimit);
        Assert.Equal(kept, status.History.Select(r => r.Round));
        Assert.Equal(kept, status.FailedClients.Select(f => f.Round));
        Assert.Equal(Rounds, status.RoundsDone);

        // A quarter of the property is left for what else the status may hold (a partition of up to 20 clients).
        Assert.InRange(run.SerializedCustomStatus!.Length, 1, TablePropertyCharacters * 3 / 4);
    }
}
