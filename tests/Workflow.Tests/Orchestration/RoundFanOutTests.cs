using FedAvg.Common.Orchestration;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>A round of more clients than the fan-out window (<see cref="FanOutWindowTests"/>) and the status lists.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundFanOutTests(AzuriteFixture azurite)
{
    private const int Clients = FedAvgRoundOrchestrator.MaxTrainingInFlight + 16;

    [Fact]
    public async Task A_round_of_more_clients_than_the_window_trains_them_all_and_the_status_counts_instead_of_listing()
    {
        // Training is not the point here: the client sends the global model back unchanged.
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
            OrchestrationHarness.AddEchoTraining(registry, runtime, TimeSpan.FromMilliseconds(20)), ActivityNames.TrainClient);

        var request = OrchestrationHarness.SmallRequest with { Rounds = 1, Clients = Clients, ClientsPerRound = Clients, Partition = "iid", TrainLimit = Clients * 10 };
        var run = await harness.RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<RunResult>()!;
        Assert.Equal(Enumerable.Range(0, Clients), result.History[0].Clients);

        // The status counts the round's clients instead of listing them; the result keeps the lists.
        var status = run.ReadCustomStatusAs<RunStatus>()!;
        var summarised = Assert.Single(status.History);
        Assert.Empty(summarised.Clients);
        Assert.Empty(summarised.SampleCounts);
        Assert.Equal(Clients, summarised.Participants);
        Assert.Equal(Clients * 10, summarised.Samples);
        Assert.Null(status.Partition);
    }
}
