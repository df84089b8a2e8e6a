using FedAvg.Common.Orchestration;
using FedAvg.Common.Privacy;
using FedAvg.LocalHost.Bench;

namespace FedAvg.LocalHost.Tests.Bench;

public sealed class BenchConfigurationsTests
{
    [Fact]
    public void The_skewed_rows_are_issue_12s_federation_and_differ_from_plain_fedavg_in_their_strategy_alone()
    {
        var federation = Federation(BenchConfigurations.All["skewed-fedavg"]);

        Assert.Equal((20, 0.1, 5, 20, Presets.Recommended.LocalEpochs, Presets.Recommended.Seed), federation);
        var strategies = BenchConfigurations.All.Where(c => c.Key.StartsWith(BenchConfigurations.SkewedPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(strategies.Count > 1);
        Assert.All(strategies, c => Assert.Equal(federation, Federation(c.Value)));
        Assert.Equal(strategies.Count, strategies.Select(c => c.Value).Distinct().Count());
    }

    [Fact]
    public void The_skewed_baseline_is_plain_fedavg_and_the_logit_adjusted_row_is_the_recommended_preset_on_that_federation()
    {
        var baseline = BenchConfigurations.All["skewed-fedavg"];
        var skewedFederation = new { baseline.Clients, baseline.Alpha, baseline.ClientsPerRound, baseline.Rounds };

        Assert.Equal(0, baseline.LogitAdjustment);
        Assert.Equal(new TrainingRequest(), new TrainingRequest { ClientAlgorithm = baseline.ClientAlgorithm, Aggregator = baseline.Aggregator,
            ServerOptimizer = baseline.ServerOptimizer, ServerMomentum = baseline.ServerMomentum, Privacy = baseline.Privacy });
        Assert.NotEqual(0, Presets.Recommended.LogitAdjustment);
        Assert.Equal(
            Presets.Recommended with { Clients = skewedFederation.Clients, Alpha = skewedFederation.Alpha, ClientsPerRound = skewedFederation.ClientsPerRound, Rounds = skewedFederation.Rounds },
            BenchConfigurations.All["skewed-logit-adjusted"]);
    }

    [Fact]
    public void Every_configuration_is_a_valid_request()
    {
        Assert.All(BenchConfigurations.All, c =>
        {
            var errors = TrainingRequestValidator.Validate(c.Value);
            Assert.False(errors.Any, $"{c.Key}: {errors}");
        });
    }

    [Fact]
    public void The_privacy_pair_differs_in_privacy_alone_and_the_private_run_is_held_to_issue_12s_budget()
    {
        var pair = BenchConfigurations.All.Where(c => c.Key.StartsWith(BenchConfigurations.PrivatePrefix, StringComparison.Ordinal)).ToList();
        var withPrivacy = Assert.Single(pair, c => c.Value.Privacy != PrivacyNames.None).Value;
        var without = Assert.Single(pair, c => c.Value.Privacy == PrivacyNames.None).Value;

        Assert.Equal((1000, 1e-5), (withPrivacy.Clients, withPrivacy.DpDelta));
        Assert.True(withPrivacy.TargetEpsilon <= 8);
        Assert.Equal(without, withPrivacy with { Privacy = PrivacyNames.None, TargetEpsilon = null });
    }

    // What a strategy row must share with the others: the federation and the local training.
    private static (int Clients, double Alpha, int PerRound, int Rounds, int LocalEpochs, int Seed) Federation(TrainingRequest r) =>
        (r.Clients, r.Alpha, r.EffectiveClientsPerRound, r.Rounds, r.LocalEpochs, r.Seed);
}
