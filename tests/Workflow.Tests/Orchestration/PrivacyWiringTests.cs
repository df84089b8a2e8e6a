using System.Globalization;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Privacy;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>
/// DP-FedAvg through the real orchestration on a slice of CIFAR-10: the model is the aggregator's noised mean of what
/// the clients sent, ε after every round is the accountant's, the noise moves the model and is the same on a rerun,
/// and adaptive clipping's clip passes from each round to the next.
/// </summary>
[Collection(StrategyRunCollection.Name)]
public sealed class PrivacyWiringTests(AzuriteFixture azurite)
{
    // 2 of 3 clients a round: q = 2/3.
    private static readonly TrainingRequest Request = OrchestrationHarness.SmallRequest with
    {
        Model = "seed-cnn-gn",
        ClientsPerRound = 2,
        Privacy = PrivacyNames.DpFedAvg,
        DpClipNorm = 0.5,
        DpNoiseMultiplier = 1.0,
    };

    [Fact]
    public async Task A_dp_run_is_the_noised_clipped_mean_and_reports_the_accountants_epsilon_after_every_round()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite, options => options with { KeepClientUpdates = true });

        var run = await harness.RunAsync(Request);
        var result = run.ReadOutputAs<RunResult>()!;
        var status = run.ReadCustomStatusAs<RunStatus>()!;

        Assert.Equal(RunPrivacy.Of(Request), result.Strategy!.Privacy);
        Assert.Equal(result.History.Select(h => h.Privacy), status.History.Select(h => h.Privacy));
        double previous = 0;
        foreach (RoundSummary round in result.History)
        {
            var privacy = round.Privacy!;
            double expected = RdpAccountant.Epsilon(2.0 / 3, Request.DpNoiseMultiplier, round.Round, Request.DpDelta).Epsilon;
            Assert.Equal(expected, privacy.Epsilon);
            Assert.True(privacy.Epsilon > previous, $"epsilon should grow: {privacy.Epsilon} after {previous}");
            previous = privacy.Epsilon!.Value;
            Assert.Equal((Request.DpDelta, Request.DpClipNorm, Request.DpClipNorm), (privacy.Delta, privacy.ClipNorm, privacy.NextClipNorm));
            Assert.Equal(Request.DpNoiseMultiplier * Request.DpClipNorm / round.Clients.Count, privacy.NoiseStd, 12);
            Assert.InRange(privacy.Unclipped, 0, round.Clients.Count);
        }

        // Round 1's model is DpFedAvgAggregator's result on the updates the clients stored, with the round's noise seed.
        var start = await harness.ReadModelAsync(BlobNames.GlobalModel(result.RunId, 0));
        var first = result.History[0];
        var updates = new List<ClientUpdate>();
        foreach (var (client, samples) in first.Clients.Zip(first.SampleCounts))
        {
            var weights = await ModelBlobs.ReadAsync(harness.Storage.Runs, BlobNames.ClientUpdate(result.RunId, 1, client), CancellationToken.None);
            updates.Add(new ClientUpdate(client.ToString(CultureInfo.InvariantCulture), weights, samples));
        }

        var options = RunPrivacy.Of(Request)!.Options(Request.EffectiveClientsPerRound);
        var expectedModel = DpFedAvgAggregator.Aggregate(start, updates, options, Request.DpClipNorm, FedAvgRoundOrchestrator.NoiseSeed(Request.Seed, 1));
        WeightsAssert.BitIdentical(expectedModel.Average, await harness.ReadModelAsync(first.GlobalModelBlob));
        Assert.Equal(expectedModel.Unclipped, first.Privacy!.Unclipped);
    }

    [Fact]
    public async Task The_noise_moves_the_model_and_the_same_request_gives_the_same_model_bit_for_bit()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);

        var once = await harness.RunToResultAsync(Request);
        var again = await harness.RunToResultAsync(Request);
        var louder = await harness.RunToResultAsync(Request with { DpNoiseMultiplier = 2.0 });

        var model = await harness.ReadModelAsync(once.FinalModelBlob);
        WeightsAssert.BitIdentical(model, await harness.ReadModelAsync(again.FinalModelBlob));
        Assert.True(WeightsAssert.AnyDifference(model, await harness.ReadModelAsync(louder.FinalModelBlob)), "a larger noise multiplier should change the model");
        Assert.True(louder.History[^1].Privacy!.Epsilon < once.History[^1].Privacy!.Epsilon, "more noise should spend less epsilon");
    }

    [Fact]
    public async Task Adaptive_clipping_carries_each_rounds_next_clip_into_the_next_round()
    {
        await using var harness = await OrchestrationHarness.StartAsync(azurite);
        // 2σ_b = 2 · 2/20 must exceed z, so a small z: what is checked here is the clip's path, not the privacy.
        var request = Request with { DpAdaptiveClipping = true, DpNoiseMultiplier = 0.1 };

        var run = await harness.RunToResultAsync(request);

        var (first, second) = (run.History[0].Privacy!, run.History[1].Privacy!);
        Assert.Equal(request.DpClipNorm, first.ClipNorm);
        Assert.NotEqual(first.ClipNorm, first.NextClipNorm);
        Assert.Equal(first.NextClipNorm, second.ClipNorm);
        Assert.Equal(RdpAccountant.Epsilon(2.0 / 3, 0.1, 2, request.DpDelta).Epsilon, second.Epsilon);
    }
}
