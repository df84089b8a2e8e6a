using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class FedAvgOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_rounds_with_three_clients_complete_and_store_a_global_model_per_round()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var run = await harness.RunAsync(OrchestrationHarness.SmallRequest);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<RunResult>()!;
        Assert.Equal(2, result.History.Count);
        Assert.Empty(result.FailedClients);
        Assert.Equal(600, result.Partition.Sum(p => p.Samples));
        foreach (var round in result.History)
        {
            Assert.Equal([0, 1, 2], round.Clients);
            Assert.Equal(result.Partition.Select(p => p.Samples), round.SampleCounts);
            Assert.InRange(round.TestAccuracy, 0, 1);
            Assert.True(await FedAvgStorage.ExistsAsync(harness.Storage.Models, BlobNames.GlobalModel(run.InstanceId, round.Round)));

            // Each client's own numbers, from which the round's sample-weighted train loss is made.
            var clients = round.ClientResults!.OrderBy(c => c.Client).ToList();
            Assert.Equal(round.Clients, clients.Select(c => c.Client));
            Assert.Equal(round.SampleCounts, clients.Select(c => c.Samples));
            Assert.All(clients, c => Assert.True(c.Accepted && c.TrainSeconds > 0 && c.TrainLoss > 0 && double.IsFinite(c.TrainLoss)));
            Assert.Equal(round.TrainLoss, clients.Sum(c => c.TrainLoss * c.Samples) / clients.Sum(c => c.Samples), 9);
        }

        var final = await harness.ReadModelAsync(result.FinalModelBlob);
        Assert.Equal("seed-cnn", final.Architecture);
        Assert.Equal(BlobNames.GlobalModel(run.InstanceId, 2), result.FinalModelBlob);
        Assert.True(await FedAvgStorage.ExistsAsync(harness.Storage.Models, BlobNames.LatestModel));

        var status = run.ReadCustomStatusAs<RunStatus>()!;
        Assert.Equal("completed", status.Phase);
        Assert.Equal(2, status.History.Count);
    }

    [Fact]
    public async Task A_client_whose_training_throws_is_left_out_and_recorded_and_the_run_completes()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new TrainClientActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, (context, input) =>
                input.Client == 1 ? throw new InvalidOperationException("disk on fire") : real.RunAsync(context, input));
        }, ActivityNames.TrainClient);

        var run = await harness.RunAsync(OrchestrationHarness.SmallRequest);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<RunResult>()!;
        Assert.Equal([1, 1], result.FailedClients.Select(f => f.Client));
        Assert.Equal([1, 2], result.FailedClients.Select(f => f.Round));
        Assert.All(result.FailedClients, f => Assert.Contains("disk on fire", f.Reason, StringComparison.Ordinal));
        Assert.All(result.History, r => Assert.Equal([0, 2], r.Clients));
    }

    [Fact]
    public async Task Fewer_usable_updates_than_the_minimum_fail_the_run_naming_the_clients()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new TrainClientActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, (context, input) =>
                input.Client != 2 ? throw new InvalidOperationException($"client {input.Client} unreachable") : real.RunAsync(context, input));
        }, ActivityNames.TrainClient);

        var run = await harness.RunAsync(OrchestrationHarness.SmallRequest with { MinClientsPerRound = 2 });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        string message = run.FailureDetails!.ErrorMessage;
        Assert.Contains("minClientsPerRound=2", message, StringComparison.Ordinal);
        Assert.Contains("client 0: ", message, StringComparison.Ordinal);
        Assert.Contains("client 1: ", message, StringComparison.Ordinal);
        Assert.Contains("unreachable", message, StringComparison.Ordinal);
        Assert.False(await FedAvgStorage.ExistsAsync(harness.Storage.Models, BlobNames.GlobalModel(run.InstanceId, 1)));
    }

    [Fact]
    public async Task An_update_with_NaN_weights_is_rejected_by_aggregation_and_recorded()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var real = new TrainClientActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, async (context, input) =>
            {
                var result = await real.RunAsync(context, input);
                if (input.Client == 0)
                {
                    var weights = await ModelBlobs.ReadAsync(runtime.Storage.Runs, result.UpdateBlob, CancellationToken.None);
                    weights.Tensors.First(t => t.FloatData is not null).FloatData![0] = float.NaN;
                    await ModelBlobs.WriteAsync(runtime.Storage.Runs, result.UpdateBlob, weights, CancellationToken.None);
                }

                return result;
            });
        }, ActivityNames.TrainClient);

        var run = await harness.RunAsync(OrchestrationHarness.SmallRequest with { Rounds = 1 });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<RunResult>()!;
        var failure = Assert.Single(result.FailedClients);
        Assert.Equal(0, failure.Client);
        Assert.Contains("NaN", failure.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([1, 2], result.History[0].Clients);
        Assert.Equal([false, true, true], result.History[0].ClientResults!.OrderBy(c => c.Client).Select(c => c.Accepted));
        var final = await harness.ReadModelAsync(result.FinalModelBlob);
        Assert.All(final.Tensors.Where(t => t.FloatData is not null), t => Assert.All(t.FloatData!, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public async Task The_same_request_and_seed_give_a_bit_identical_final_model()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);
        var request = OrchestrationHarness.SmallRequest with { ClientsPerRound = 2 };

        var first = await harness.RunToResultAsync(request);
        var second = await harness.RunToResultAsync(request);
        var other = await harness.RunToResultAsync(request with { Seed = 7 });

        Assert.NotEqual(first.FinalModelBlob, second.FinalModelBlob);
        Assert.Equal(first.History.Select(r => r.Clients), second.History.Select(r => r.Clients));
        var a = await harness.ReadModelAsync(first.FinalModelBlob);
        var b = await harness.ReadModelAsync(second.FinalModelBlob);
        var c = await harness.ReadModelAsync(other.FinalModelBlob);
        Assert.True(WeightsEqual(a, b), "same seed, different weights");
        Assert.False(WeightsEqual(a, c), "a different seed should change the model");
    }

    private static bool WeightsEqual(ModelWeights a, ModelWeights b) =>
        a.Tensors.Count == b.Tensors.Count && a.Tensors.Zip(b.Tensors).All(p =>
            p.First.Name == p.Second.Name
            && (p.First.FloatData ?? []).AsSpan().SequenceEqual(p.Second.FloatData ?? [])
            && (p.First.IntegerData ?? []).AsSpan().SequenceEqual(p.Second.IntegerData ?? []));
}
