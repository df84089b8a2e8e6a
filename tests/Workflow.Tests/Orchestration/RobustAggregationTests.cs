using System.Collections.Concurrent;
using FedAvg.Common.Adversaries;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// The request's aggregator and attack reach the round: the global model is the chosen kernel's result on the updates
/// the clients sent, and a hostile client sends its honest update corrupted.
/// </summary>
[Collection(StrategyRunCollection.Name)]
public sealed class RobustAggregationTests(AzuriteFixture azurite)
{
    private static readonly TrainingRequest Five = OrchestrationHarness.SmallRequest with { Rounds = 1, Clients = 5, ClientsPerRound = 5 };

    [Theory]
    [InlineData(UpdateAggregators.Median, 0.1, 0)]
    [InlineData(UpdateAggregators.TrimmedMean, 0.2, 0)]
    [InlineData(UpdateAggregators.Krum, 0.1, 1)]
    [InlineData(UpdateAggregators.MultiKrum, 0.1, 1)]
    public async Task A_robust_request_makes_the_global_model_its_kernel_makes_of_the_same_updates(string aggregator, double trimBeta, int f)
    {
        var sent = new ConcurrentDictionary<int, ClientUpdate>();
        await using var harness = await RecordingHarness(sent);
        var request = Five with { Aggregator = aggregator, TrimBeta = trimBeta, ByzantineClients = f };

        var result = await harness.RunToResultAsync(request);

        var options = new AggregatorOptions { Aggregator = aggregator, TrimFraction = trimBeta, ByzantineClients = f };
        var updates = sent.OrderBy(s => s.Key).Select(s => s.Value).ToList();
        var expected = UpdateAggregators.Create(options).Aggregate(updates);
        var global = await harness.ReadModelAsync(result.FinalModelBlob);
        WeightsAssert.BitIdentical(expected, global);
        Assert.True(WeightsAssert.AnyDifference(FedAvgAggregator.Average(updates), global), $"{aggregator}: the global model is the mean");

        // Krum's choice is reported: the updates it did not pick are left out by client, the rest accepted.
        var kept = UpdateAggregators.Create(options) is KrumAggregator krum
            ? krum.Select(updates).Select(u => int.Parse(u.ClientId, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList()
            : [0, 1, 2, 3, 4];
        Assert.Equal(kept, result.History[0].Clients);
        Assert.Equal([.. Enumerable.Range(0, 5).Except(kept)], result.FailedClients.Select(c => c.Client).Order());
        Assert.All(result.FailedClients, c => Assert.Contains($"excluded by {aggregator}", c.Reason, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 5).Select(kept.Contains), result.History[0].ClientResults!.OrderBy(c => c.Client).Select(c => c.Accepted));
    }

    [Fact]
    public async Task Too_few_updates_for_krum_fail_the_round_saying_so()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new TrainClientActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, (context, input) =>
                input.Client == 4 ? throw new InvalidOperationException("offline") : real.RunAsync(context, input));
        }, ActivityNames.TrainClient);

        var run = await harness.RunAsync(Five with { Aggregator = UpdateAggregators.Krum, ByzantineClients = 1 });

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("krum refused the round's 4 usable updates", run.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.False(await FedAvgStorage.ExistsAsync(harness.Storage.Models, BlobNames.GlobalModel(run.InstanceId, 1)));
    }

    [Theory]
    [InlineData(ClientAttacks.SignFlip)]
    [InlineData(ClientAttacks.Scale)]
    [InlineData(ClientAttacks.Random)]
    public async Task A_hostile_client_sends_its_honest_update_corrupted_and_the_others_send_theirs(string attack)
    {
        var honestSent = new ConcurrentDictionary<int, ClientUpdate>();
        var attackedSent = new ConcurrentDictionary<int, ClientUpdate>();
        ModelWeights? initial = null;
        await using (var harness = await RecordingHarness(honestSent))
        {
            await harness.RunToResultAsync(Five);
        }

        TrainingRequest request = Five with { Attack = attack, Attackers = 2, AttackScale = 4 };
        RunResult result;
        await using (var harness = await RecordingHarness(attackedSent))
        {
            result = await harness.RunToResultAsync(request);
            initial = await ModelBlobs.ReadAsync(harness.Storage.Models, BlobNames.GlobalModel(result.RunId, 0), CancellationToken.None);
        }

        var hostile = HostileClients.Draw(request.Seed, request.Clients, request.Attackers);
        Assert.Equal(hostile, result.HostileClients);
        for (int client = 0; client < 5; client++)
        {
            var expected = hostile.Contains(client)
                ? new ClientAttack(attack, 4).Corrupt(initial, honestSent[client].Weights, Training.SeedMixer.Mix(request.Seed, 1, client))
                : honestSent[client].Weights;
            WeightsAssert.BitIdentical(expected, attackedSent[client].Weights);
            Assert.Equal(hostile.Contains(client), WeightsAssert.AnyDifference(honestSent[client].Weights, attackedSent[client].Weights));
        }
    }

    private async Task<OrchestrationHarness> RecordingHarness(ConcurrentDictionary<int, ClientUpdate> sent) =>
        await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new TrainClientActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, async (context, input) =>
            {
                var result = await real.RunAsync(context, input);
                var weights = await ModelBlobs.ReadAsync(runtime.Storage.Runs, result.UpdateBlob, CancellationToken.None);
                sent[input.Client] = new ClientUpdate(input.Client.ToString(System.Globalization.CultureInfo.InvariantCulture), weights, result.Samples);
                return result;
            });
        }, ActivityNames.TrainClient);
}
