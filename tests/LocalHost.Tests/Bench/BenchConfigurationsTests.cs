using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Bench;

namespace FedAvg.LocalHost.Tests.Bench;

public sealed class BenchConfigurationsTests
{
    [Fact]
    public void The_skewed_rows_differ_from_plain_fedavg_in_their_strategy_alone()
    {
        var plain = BenchConfigurations.All["skewed-fedavg"];
        var federation = (plain.Clients, plain.Alpha, plain.EffectiveClientsPerRound, plain.Rounds, plain.LocalEpochs, plain.Seed);

        Assert.Equal((20, 0.1, 5, 20, Presets.Recommended.LocalEpochs, Presets.Recommended.Seed), federation);
        Assert.All(
            BenchConfigurations.All.Where(c => c.Key.StartsWith(BenchConfigurations.SkewedPrefix, StringComparison.Ordinal)),
            c => Assert.Equal(federation, (c.Value.Clients, c.Value.Alpha, c.Value.EffectiveClientsPerRound, c.Value.Rounds, c.Value.LocalEpochs, c.Value.Seed)));
    }

    [Fact]
    public void The_measured_groupnorm_and_momentum_row_is_what_the_recommended_preset_chooses_for_that_federation()
    {
        var plain = BenchConfigurations.All["skewed-fedavg"];

        Assert.NotEqual(plain, Presets.Default.Shape(plain));
        Assert.Equal(BenchConfigurations.All["skewed-gn-fedavgm"], Presets.Default.Shape(plain));
    }
}
