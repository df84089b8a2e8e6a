using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Orchestration.Activities;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.TestData;
using Microsoft.DurableTask;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// The client algorithms and server optimisers through the real orchestration: what the request chooses is what the
/// kernels compute, the state they keep between rounds is stored and read back, and retries do not change the model.
/// </summary>
[Collection(StrategyRunCollection.Name)]
public sealed class StrategyWiringTests(AzuriteFixture azurite)
{
    private static readonly TrainingRequest Request = OrchestrationHarness.SmallRequest;

    [Fact]
    public async Task Two_rounds_of_adam_are_the_server_optimizer_applied_by_hand_to_each_rounds_average()
    {
        // The updates are kept, so the averages can be made again here from what the clients sent.
        await using var harness = await OrchestrationHarness.StartAsync(azurite, options => options with { KeepClientUpdates = true });
        var request = Request with { ServerOptimizer = ServerOptimizerNames.FedAdam, ServerLearningRate = 0.05, ServerBeta2 = 0.9, ServerTau = 0.01 };

        var run = await harness.RunToResultAsync(request);

        var options = request.ServerOptions;
        var global = await harness.ReadModelAsync(BlobNames.GlobalModel(run.RunId, 0));
        ModelWeights? first = null;
        ModelWeights? second = null;
        foreach (RoundSummary round in run.History)
        {
            var updates = new List<ClientUpdate>();
            foreach (var (client, samples) in round.Clients.Zip(round.SampleCounts))
            {
                var weights = await ModelBlobs.ReadAsync(harness.Storage.Runs, BlobNames.ClientUpdate(run.RunId, round.Round, client), CancellationToken.None);
                updates.Add(new ClientUpdate(client.ToString(CultureInfo.InvariantCulture), weights, samples));
            }

            var step = ServerOptimizer.Step(global, FedAvgAggregator.Average(updates), first, second, options);
            WeightsAssert.BitIdentical(step.Global, await harness.ReadModelAsync(BlobNames.GlobalModel(run.RunId, round.Round)));
            WeightsAssert.BitIdentical(step.Momentum, await ReadRunBlobAsync(harness, BlobNames.ServerMomentum(run.RunId, round.Round)));
            WeightsAssert.BitIdentical(step.SecondMoment!, await ReadRunBlobAsync(harness, BlobNames.ServerSecondMoment(run.RunId, round.Round)));
            (global, first, second) = (step.Global, step.Momentum, step.SecondMoment);
        }
    }

    [Fact]
    public async Task FedProx_with_mu_zero_and_scaffold_with_zero_variates_train_as_fedavg_bit_for_bit()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var fedavg = await harness.RunToResultAsync(Request);
        var proxZero = await harness.RunToResultAsync(Request with { ClientAlgorithm = "fedprox", ProximalMu = 0 });
        var prox = await harness.RunToResultAsync(Request with { ClientAlgorithm = "fedprox", ProximalMu = 0.5 });
        var scaffold = await harness.RunToResultAsync(Request with { ClientAlgorithm = "scaffold" });

        async Task<ModelWeights> Global(RunResult run, int round) => await harness.ReadModelAsync(BlobNames.GlobalModel(run.RunId, round));
        WeightsAssert.BitIdentical(await Global(fedavg, 2), await Global(proxZero, 2));
        Assert.True(WeightsAssert.AnyDifference(await Global(fedavg, 1), await Global(prox, 1)), "fedprox with mu 0.5 should change the model");
        Assert.Equal(0.5, prox.Strategy!.ProximalMu);
        Assert.Equal(RunStrategy.Of(Request with { ClientAlgorithm = "scaffold" }), scaffold.Strategy);

        // SCAFFOLD's first round trains with zero variates; the second with the ones the first round made.
        WeightsAssert.BitIdentical(await Global(fedavg, 1), await Global(scaffold, 1));
        Assert.True(WeightsAssert.AnyDifference(await Global(fedavg, 2), await Global(scaffold, 2)), "scaffold's second round should use its variates");
    }

    [Fact]
    public async Task Scaffold_keeps_each_clients_control_between_its_rounds_and_moves_the_servers_by_the_deltas()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, options => options with { KeepClientUpdates = true });
        var request = Request with { ClientAlgorithm = "scaffold", Clients = 4, ClientsPerRound = 3 };

        var run = await harness.RunToResultAsync(request);

        ModelWeights? server = null;
        var clientControls = new Dictionary<int, ModelWeights>();
        foreach (RoundSummary round in run.History)
        {
            var sum = new List<ModelWeights>();
            foreach (int client in round.Clients)
            {
                var control = await ReadRunBlobAsync(harness, BlobNames.ClientControl(run.RunId, client, round.Round));
                var delta = await ReadRunBlobAsync(harness, BlobNames.ClientControlDelta(run.RunId, round.Round, client));

                // The delta is against the control the client last left: read back from storage, not zeros again.
                var before = clientControls.GetValueOrDefault(client);
                WeightsAssert.BitIdentical(before is null ? control : Subtract(control, before), delta);
                clientControls[client] = control;
                sum.Add(delta);
            }

            // c⁺ = c + (1/N)·Σ Δc_i, the deltas summed in client order.
            float scale = (float)(1.0 / request.Clients);
            var expected = new ModelWeights(sum[0].Architecture, sum[0].Tensors.Select((t, i) =>
            {
                float[] total = new float[t.ElementCount];
                foreach (ModelWeights delta in sum)
                {
                    for (int j = 0; j < total.Length; j++)
                    {
                        total[j] += delta.Tensors[i].FloatData![j];
                    }
                }

                float[] c = server?.Tensors[i].FloatData ?? new float[total.Length];
                return WeightTensor.FromFloats(t.Name, t.Shape, t.Kind, [.. total.Select((v, j) => (v * scale) + c[j])]);
            }));
            var stored = await ReadRunBlobAsync(harness, BlobNames.ServerControl(run.RunId, round.Round));
            WeightsAssert.BitIdentical(expected, stored);
            Assert.Contains(stored.Tensors, t => t.FloatData!.Any(v => v != 0));
            server = stored;
        }

        Assert.Contains(run.History[1].Clients, c => run.History[0].Clients.Contains(c));
    }

    [Fact]
    public async Task A_scaffold_yogi_run_whose_activities_fail_once_after_their_work_gives_the_same_model()
    {
        var request = Request with { ClientAlgorithm = "scaffold", ServerOptimizer = ServerOptimizerNames.FedYogi, ServerLearningRate = 0.05 };
        await using var clean = await OrchestrationHarness.StartAsync(azurite);
        var expected = await clean.RunToResultAsync(request);

        // Round 2's first training of client 0 and its first aggregation do all their work (their blobs are written)
        // and then fail, as a process killed before its result was recorded: the retries must read the same inputs.
        int trainings = 0;
        int aggregations = 0;
        await using var harness = await OrchestrationHarness.StartAsync(azurite, (registry, runtime) =>
        {
            var train = new TrainClientActivity(runtime);
            var aggregate = new AggregateActivity(runtime);
            registry.AddActivityFunc<TrainClientInput, TrainClientResult>(ActivityNames.TrainClient, async (context, input) =>
            {
                var result = await train.RunAsync(context, input);
                return input is { Round: 2, Client: 0 } && Interlocked.Increment(ref trainings) == 1 ? throw new InvalidOperationException("killed after training") : result;
            });
            registry.AddActivityFunc<AggregateInput, AggregateResult>(ActivityNames.Aggregate, async (context, input) =>
            {
                var result = await aggregate.RunAsync(context, input);
                return input.Round == 2 && Interlocked.Increment(ref aggregations) == 1 ? throw new InvalidOperationException("killed after aggregating") : result;
            });
        }, ActivityNames.TrainClient, ActivityNames.Aggregate);

        var retried = await harness.RunToResultAsync(request);

        Assert.Equal((2, 2), (trainings, aggregations));
        Assert.Empty(retried.FailedClients);
        WeightsAssert.BitIdentical(await clean.ReadModelAsync(expected.FinalModelBlob), await harness.ReadModelAsync(retried.FinalModelBlob));
    }

    private static async Task<ModelWeights> ReadRunBlobAsync(OrchestrationHarness harness, string blob) =>
        await ModelBlobs.ReadAsync(harness.Storage.Runs, blob, CancellationToken.None);

    private static ModelWeights Subtract(ModelWeights a, ModelWeights b) => new(a.Architecture, a.Tensors.Zip(b.Tensors, (x, y) =>
        WeightTensor.FromFloats(x.Name, x.Shape, x.Kind, [.. x.FloatData!.Zip(y.FloatData!, (p, q) => p - q)])));
}
