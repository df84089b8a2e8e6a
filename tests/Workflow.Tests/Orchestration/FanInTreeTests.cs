using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// Issue 11's fan-in tree through the orchestration: a round of more updates than aggregationGroup is summed in parallel
/// SumUpdates activities, a group each, and Aggregate combines their sums. Each client sends the global model moved by
/// its own amount, so the mean depends on every update.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FanInTreeTests(AzuriteFixture azurite)
{
    private static readonly TrainingRequest Flat = OrchestrationHarness.SmallRequest with
    {
        Rounds = 2, Clients = 7, ClientsPerRound = 7, Partition = "iid", TrainLimit = 70, TestLimit = 20,
    };

    private static readonly TrainingRequest Tree = Flat with { AggregationGroup = 3 };

    [Fact]
    public async Task Groups_of_three_give_the_flat_runs_model_to_rounding_the_same_bits_twice_and_leave_no_sums_behind()
    {
        await using var harness = await StartAsync(nanClient: null);

        var flat = await harness.RunToResultAsync(Flat);
        var tree = await harness.RunToResultAsync(Tree);
        var again = await harness.RunToResultAsync(Tree);

        var flatModel = await harness.ReadModelAsync(flat.FinalModelBlob);
        var treeModel = await harness.ReadModelAsync(tree.FinalModelBlob);
        WeightsAssert.BitIdentical(treeModel, await harness.ReadModelAsync(again.FinalModelBlob));
        AssertClose(flatModel, treeModel);

        // The groups' sums round apart from one fold's in some last bits: the tree, not one activity, made this model.
        Assert.True(WeightsAssert.AnyDifference(flatModel, treeModel), "the tree's model is the flat fold's bit for bit");
        Assert.True(WeightsAssert.AnyDifference(flatModel, await harness.ReadModelAsync(BlobNames.GlobalModel(tree.RunId, 0))), "the clients' moves reached the model");
        Assert.All(tree.History, round => Assert.Equal(Enumerable.Range(0, 7), round.Clients));
        Assert.Empty(await UpdateBlobsAsync(harness, tree.RunId));
    }

    [Fact]
    public async Task A_nan_update_in_one_group_is_named_and_the_round_is_summed_again_without_it()
    {
        await using var harness = await StartAsync(nanClient: 4);

        var flat = await harness.RunToResultAsync(Flat);
        var tree = await harness.RunToResultAsync(Tree);

        Assert.Equal([1, 2], tree.FailedClients.Where(f => f.Client == 4 && f.Reason.StartsWith("update rejected", StringComparison.Ordinal)).Select(f => f.Round));
        Assert.All(tree.History, round => Assert.DoesNotContain(4, round.Clients));
        Assert.Equal(flat.FailedClients.Select(f => (f.Round, f.Client)), tree.FailedClients.Select(f => (f.Round, f.Client)));
        AssertClose(await harness.ReadModelAsync(flat.FinalModelBlob), await harness.ReadModelAsync(tree.FinalModelBlob));
        Assert.Empty(await UpdateBlobsAsync(harness, tree.RunId));
    }

    [Fact]
    public async Task A_robust_aggregator_folds_every_update_in_one_activity_whatever_the_group()
    {
        var median = Flat with { Aggregator = "median" };

        Assert.False(FedAvgRoundOrchestrator.UsesFanInTree(median with { AggregationGroup = 3 }, 7));
        Assert.False(FedAvgRoundOrchestrator.UsesFanInTree(Tree, 3));
        Assert.True(FedAvgRoundOrchestrator.UsesFanInTree(Tree, 4));

        await using var harness = await StartAsync(nanClient: null);
        var one = await harness.RunToResultAsync(median);
        var grouped = await harness.RunToResultAsync(median with { AggregationGroup = 3 });
        WeightsAssert.BitIdentical(await harness.ReadModelAsync(one.FinalModelBlob), await harness.ReadModelAsync(grouped.FinalModelBlob));
    }

    private Task<OrchestrationHarness> StartAsync(int? nanClient) =>
        OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
            OrchestrationHarness.AddEchoTraining(registry, runtime, alter: (input, global) =>
            {
                var first = global.Tensors.First(t => t.FloatData is not null).FloatData!;
                for (int i = 0; i < first.Length; i++)
                {
                    first[i] += (input.Client + 1) * 0.01f * ((i % 7) - 3);
                }

                if (input.Client == nanClient)
                {
                    first[0] = float.NaN;
                }
            }), ActivityNames.TrainClient);

    private static void AssertClose(ModelWeights expected, ModelWeights actual) => WeightsAssert.Close(expected, actual, 1e-5f);

    private static async Task<List<string>> UpdateBlobsAsync(OrchestrationHarness harness, string runId)
    {
        var names = new List<string>();
        await foreach (var blob in harness.Storage.Runs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, runId + "/", CancellationToken.None))
        {
            if (blob.Name.Contains("/updates/", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }
}
