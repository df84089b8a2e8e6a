using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Bench;

namespace FedAvg.LocalHost.Tests.Bench;

public sealed class BenchConfigurationsTests
{
    [Fact]
    public void The_skewed_rows_are_issue_12s_federation_and_differ_from_plain_fedavg_in_their_strategy_alone()
    {
        var plain = BenchConfigurations.All["skewed-fedavg"];
        var federation = (plain.Clients, plain.Alpha, plain.EffectiveClientsPerRound, plain.Rounds, plain.LocalEpochs, plain.Seed);

        Assert.Equal((20, 0.1, 5, 20, Presets.Recommended.LocalEpochs, Presets.Recommended.Seed), federation);
        var strategies = BenchConfigurations.All.Where(c => c.Key.StartsWith(BenchConfigurations.SkewedPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(strategies.Count > 1);
        Assert.All(strategies, c => Assert.Equal(federation, (c.Value.Clients, c.Value.Alpha, c.Value.EffectiveClientsPerRound, c.Value.Rounds, c.Value.LocalEpochs, c.Value.Seed)));
        Assert.Equal(strategies.Count, strategies.Select(c => c.Value).Distinct().Count());
    }
}
