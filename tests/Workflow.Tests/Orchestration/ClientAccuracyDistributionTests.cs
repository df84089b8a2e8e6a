using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class ClientAccuracyDistributionTests
{
    [Fact]
    public void Each_client_counts_once_whatever_its_size_and_the_worst_is_the_lowest_id_among_equals()
    {
        var distribution = ClientAccuracyDistribution.Of(
            [new ClientAccuracy(7, 100, 0.5), new ClientAccuracy(3, 10, 0.2), new ClientAccuracy(9, 1, 0.9), new ClientAccuracy(1, 5, 0.2)]);

        Assert.NotNull(distribution);
        Assert.Equal(4, distribution.Count);
        Assert.Equal(116, distribution.Samples);
        Assert.Equal(0.45, distribution.Mean, 12);
        Assert.Equal(0.2, distribution.Min);
        Assert.Equal(0.2, distribution.P10);
        Assert.Equal(0.35, distribution.P50, 12);
        Assert.Equal(0.78, distribution.P90, 12);
        Assert.Equal(1, distribution.WorstClient);
    }

    [Fact]
    public void No_client_is_no_distribution() => Assert.Null(ClientAccuracyDistribution.Of([]));

    [Fact]
    public void A_client_holds_out_by_the_run_seed_and_its_id_and_nothing_when_the_field_is_off()
    {
        var on = new TrainingRequest { ClientEvaluation = 0.1 };

        Assert.Null(ClientHoldOut.For(new TrainingRequest(), 0));
        Assert.Equal(ClientHoldOut.For(on, 2), ClientHoldOut.For(on with { Rounds = 3 }, 2));
        Assert.NotEqual(ClientHoldOut.For(on, 2)!.Seed, ClientHoldOut.For(on, 3)!.Seed);
        Assert.NotEqual(ClientHoldOut.For(on, 2)!.Seed, ClientHoldOut.For(on with { Seed = 7 }, 2)!.Seed);
    }
}
