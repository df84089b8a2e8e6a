using System.Text;
using System.Text.Json.Nodes;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Privacy;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>The privacy fields of a request: defaults, ranges, the combinations DP-FedAvg refuses, and the target ε, each naming its field.</summary>
public sealed class PrivacyRequestTests
{
    private static readonly TrainingRequest Private = new() { Privacy = PrivacyNames.DpFedAvg, Model = "seed-cnn-gn" };

    [Fact]
    public void By_default_a_request_has_no_privacy_and_the_kernels_defaults()
    {
        var request = TrainingRequestParser.Parse("{}"u8, out var errors)!;

        Assert.False(errors.Any, errors.ToString());
        var defaults = new DifferentialPrivacyOptions();
        Assert.Equal((PrivacyNames.None, defaults.ClipNorm, defaults.NoiseMultiplier, defaults.Delta, false, (double?)null),
            (request.Privacy, request.DpClipNorm, request.DpNoiseMultiplier, request.DpDelta, request.DpAdaptiveClipping, request.TargetEpsilon));
        Assert.Null(RunPrivacy.Of(request));
        Assert.Null(RunStrategy.Of(request).Privacy);
    }

    [Theory]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn"}""")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","dpClipNorm":10000,"dpNoiseMultiplier":0,"dpDelta":0.19}""")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","clientAlgorithm":"fedprox","serverOptimizer":"adam","serverLearningRate":0.05}""")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","attack":"sign-flip","attackers":1}""")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","clients":20,"fraction":1,"dpAdaptiveClipping":true,"dpNoiseMultiplier":1.9}""")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","rounds":10,"dpNoiseMultiplier":1,"targetEpsilon":1000}""")]
    // Alone, the dp* settings are ignored, as proximalMu is without fedprox: each field can be set on its own.
    [InlineData("""{"dpClipNorm":0.1}""")]
    [InlineData("""{"dpNoiseMultiplier":100}""")]
    [InlineData("""{"dpDelta":0.9}""")]
    [InlineData("""{"dpAdaptiveClipping":true}""")]
    [InlineData("""{"model":"seed-cnn-gn","aggregator":"median","dpDelta":0.5}""")]
    public void Private_requests_within_their_limits_are_accepted(string json)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.NotNull(request);
    }

    [Theory]
    [InlineData("""{"privacy":"gaussian"}""", "privacy")]
    [InlineData("""{"privacy":"dp-fedavg"}""", "privacy")]
    [InlineData("""{"privacy":"dp-fedavg","model":"resnet9-mini"}""", "privacy")]
    [InlineData("""{"dpClipNorm":0}""", "dpClipNorm")]
    [InlineData("""{"dpClipNorm":10001}""", "dpClipNorm")]
    [InlineData("""{"dpNoiseMultiplier":-0.1}""", "dpNoiseMultiplier")]
    [InlineData("""{"dpNoiseMultiplier":101}""", "dpNoiseMultiplier")]
    [InlineData("""{"dpDelta":0}""", "dpDelta")]
    [InlineData("""{"dpDelta":1}""", "dpDelta")]
    [InlineData("""{"dpAdaptiveClipping":"yes"}""", "dpAdaptiveClipping")]
    [InlineData("""{"targetEpsilon":0,"privacy":"dp-fedavg","model":"seed-cnn-gn"}""", "targetEpsilon")]
    [InlineData("""{"targetEpsilon":5}""", "targetEpsilon")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","aggregator":"median"}""", "aggregator")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","clientAlgorithm":"scaffold"}""", "clientAlgorithm")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","clients":5,"dpDelta":0.2}""", "dpDelta")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","clients":20,"fraction":1,"dpAdaptiveClipping":true,"dpNoiseMultiplier":2}""", "dpAdaptiveClipping")]
    [InlineData("""{"privacy":"dp-fedavg","model":"seed-cnn-gn","dpNoiseMultiplier":0,"targetEpsilon":100}""", "targetEpsilon")]
    public void A_bad_privacy_setting_is_refused_naming_the_field(string json, string field)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.Null(request);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Dp_fedavg_says_which_model_it_needs_and_the_schema_declares_it()
    {
        var errors = TrainingRequestValidator.Validate(Private with { Model = "seed-cnn" });

        Assert.StartsWith("privacy dp-fedavg needs model seed-cnn-gn, not seed-cnn: ", errors.ToString(), StringComparison.Ordinal);
        var requires = TrainingRequestSchema.Create()["properties"]!["privacy"]!["x-requires"]!.AsArray().Single()!;
        Assert.Equal(("dp-fedavg", "model"), (requires["when"]!.GetValue<string>(), requires["field"]!.GetValue<string>()));
        Assert.Equal(["seed-cnn-gn"], requires["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Null(TrainingRequestSchema.Create()["properties"]!["targetEpsilon"]!["x-requires"]!.AsArray().Single()!["when"]);
    }

    [Fact]
    public void Adaptive_clipping_with_too_few_clients_says_how_many_the_noise_multiplier_needs()
    {
        // Andrew et al.'s count noise is clients / 20; the sum keeps noise only while twice that exceeds z = 2.
        var errors = TrainingRequestValidator.Validate(Private with { Clients = 20, Fraction = 1, DpAdaptiveClipping = true, DpNoiseMultiplier = 2 });

        Assert.StartsWith("dpAdaptiveClipping needs more than 10 * dpNoiseMultiplier = 20 clients selected each round, not 20: " +
            "the count of unclipped clients is noised with clients / 20, ", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_epsilon_the_rounds_would_exceed_is_refused_saying_what_they_would_reach_and_how_many_fit()
    {
        // The default 5 clients, every one a round: q = 1, z = 1, 10 rounds.
        var request = Private with { Rounds = 10, Clients = 5, Fraction = 1, DpNoiseMultiplier = 1, TargetEpsilon = 8 };
        double reached = RdpAccountant.Epsilon(1, 1, 10, request.DpDelta).Epsilon;
        int fit = Enumerable.Range(0, 11).Last(r => RdpAccountant.Epsilon(1, 1, r, request.DpDelta).Epsilon <= 8);
        Assert.InRange(fit, 1, 9);

        var errors = TrainingRequestValidator.Validate(request);

        Assert.Equal(["targetEpsilon"], errors.Fields);
        Assert.Equal(
            $"targetEpsilon would be exceeded: the 10 rounds would reach epsilon {RequestField.Format(Math.Round(reached, 4))} at delta 1E-05 " +
            $"(dpNoiseMultiplier 1, 5 of 5 clients a round); {fit} rounds fit within 8",
            errors.ToString());
        Assert.False(TrainingRequestValidator.Validate(request with { Rounds = fit }).Any);
        Assert.False(TrainingRequestValidator.Validate(request with { TargetEpsilon = reached }).Any);
    }

    [Fact]
    public void The_strategy_records_the_privacy_settings_and_the_sampling_rate()
    {
        var request = Private with { Clients = 10, ClientsPerRound = 4, DpClipNorm = 2, DpNoiseMultiplier = 1.5, TargetEpsilon = 100 };

        var strategy = RunStrategy.Of(request);

        Assert.Equal(new RunPrivacy("dp-fedavg", 2, 1.5, 1e-5, false, 0.4, 100), strategy.Privacy);
        Assert.EndsWith(", privacy dp-fedavg (dpClipNorm 2, dpNoiseMultiplier 1.5, dpDelta 1E-05, targetEpsilon 100)", strategy.Describe(), StringComparison.Ordinal);
        Assert.EndsWith("targetEpsilon 100, dpAdaptiveClipping)", RunStrategy.Of(request with { DpAdaptiveClipping = true, Clients = 100, ClientsPerRound = 40 }).Describe(), StringComparison.Ordinal);
    }
}
