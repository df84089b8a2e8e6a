using FedAvg.Common.Orchestration;
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

    // What a strategy row must share with the others: the federation and the local training.
    private static (int Clients, double Alpha, int PerRound, int Rounds, int LocalEpochs, int Seed) Federation(TrainingRequest r) =>
        (r.Clients, r.Alpha, r.EffectiveClientsPerRound, r.Rounds, r.LocalEpochs, r.Seed);
}
