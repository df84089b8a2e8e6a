using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Shards;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// Per-client evaluation (clientEvaluation) through the real orchestration: every round reports the distribution of the
/// global model's accuracies on its clients' held-out data, the clients train on the rest only, and a rerun gives the same
/// numbers. With the field off nothing changes: <see cref="PinnedModelTests"/> still holds, unchanged.
/// </summary>
[Collection(StrategyRunCollection.Name)]
public sealed class ClientEvaluationTests(AzuriteFixture azurite)
{
    // Four clients, three a round: only a round's clients are evaluated.
    private static readonly TrainingRequest Request =
        OrchestrationHarness.SmallRequest with { Clients = 4, ClientsPerRound = 3, ClientEvaluation = 0.2 };

    [Fact]
    public async Task Each_round_reports_the_distribution_over_its_clients_held_out_data_and_a_rerun_the_same()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var run = await harness.RunToResultAsync(Request);
        var again = await harness.RunToResultAsync(Request);

        var shards = run.Partition.ToDictionary(p => p.Client);
        foreach (RoundSummary round in run.History)
        {
            var evaluation = round.ClientEvaluation;
            Assert.NotNull(evaluation);
            Assert.Equal(3, evaluation.Count);
            Assert.Equal(round.Clients.Sum(c => HeldOutSplit.HeldOutCount(shards[c].Samples, 0.2)), evaluation.Samples);
            Assert.Contains(evaluation.WorstClient, round.Clients);
            Assert.True(evaluation.Min >= 0 && evaluation.Min <= evaluation.P10 && evaluation.P10 <= evaluation.P50
                && evaluation.P50 <= evaluation.P90 && evaluation.P90 <= 1, $"{evaluation}");
            Assert.InRange(evaluation.Mean, evaluation.Min, 1);

            // The held-out samples are not trained on: each client reports its shard less them.
            Assert.Equal(round.Clients.Select(c => shards[c].Samples - HeldOutSplit.HeldOutCount(shards[c].Samples, 0.2)), round.SampleCounts);

            // The round's own status said the same when it completed.
            var roundRun = await harness.Client.GetInstanceAsync(RunProgress.RoundInstanceId(run.RunId, round.Round), getInputsAndOutputs: true);
            Assert.Equal(evaluation, roundRun!.ReadCustomStatusAs<RoundStatus>()!.ClientEvaluation);
        }

        Assert.Equal(run.History.Select(r => r.ClientEvaluation), again.History.Select(r => r.ClientEvaluation));
        WeightsAssert.BitIdentical(await harness.ReadModelAsync(run.FinalModelBlob), await harness.ReadModelAsync(again.FinalModelBlob));

        // The last round's numbers are the global model evaluated here by hand on the same held-out parts.
        var last = run.History[^1];
        var weights = await harness.ReadModelAsync(last.GlobalModelBlob);
        using var model = ModelCatalog.Create(Request.Model, seed: 0);
        weights.CopyTo(model);
        var accuracies = new List<ClientAccuracy>();
        foreach (int client in last.Clients)
        {
            var shard = await harness.Runtime.LoadShardAsync(harness.Storage.Runs, shards[client].Blob);
            var heldOut = ClientHoldOut.For(Request, client)!.Split(shard).HeldOut;
            accuracies.Add(new ClientAccuracy(client, heldOut.Count, Evaluator.Evaluate(model, heldOut).Accuracy));
        }

        Assert.Equal(ClientAccuracyDistribution.Of(accuracies), last.ClientEvaluation);
    }
}
