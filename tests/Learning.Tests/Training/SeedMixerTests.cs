using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

public sealed class SeedMixerTests
{
    [Fact]
    public void Values_are_pinned_so_runs_stay_reproducible_across_versions()
    {
        // Computed independently (a few lines of Python SplitMix64). If this fails, every run's seeds changed.
        Assert.Equal(6_717_522_985_872_898_827L, SeedMixer.Mix(42, 3, 1));
    }

    [Fact]
    public void Neighbouring_inputs_give_distinct_seeds_and_order_matters()
    {
        var seeds = new HashSet<long>();
        for (int round = 0; round < 20; round++)
        {
            for (int client = 0; client < 20; client++)
            {
                seeds.Add(SeedMixer.Mix(42, round, client));
            }
        }

        Assert.Equal(400, seeds.Count);
        Assert.NotEqual(SeedMixer.Mix(42, 1, 2), SeedMixer.Mix(42, 2, 1));
        Assert.NotEqual(SeedMixer.Mix(42, 1, 2), SeedMixer.Mix(43, 1, 2));
    }

    [Fact]
    public void Negative_round_or_client_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedMixer.Mix(1, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedMixer.Mix(1, 0, -1));
    }
}
