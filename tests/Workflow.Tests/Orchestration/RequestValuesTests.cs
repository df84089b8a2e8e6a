using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class RequestValuesTests
{
    // A preset that fixes the clients a round, as the recommended one once did.
    private static readonly Preset FiveARound = new("five", "five clients a round", Presets.Reference with { ClientsPerRound = 5 });

    [Fact]
    public void Every_given_value_goes_over_the_preset()
    {
        var values = new RequestValues { Preset = Presets.All["recommended"] };
        values.Give(TrainingRequestFields.LocalEpochs, 2);
        values.Give(TrainingRequestFields.Augmentation, false);

        var request = values.Build();

        Assert.Equal(Presets.Recommended with { LocalEpochs = 2, Augmentation = false }, request);
    }

    [Fact]
    public void A_given_fraction_clears_the_presets_clients_per_round()
    {
        var values = new RequestValues { Preset = FiveARound };
        values.Give(TrainingRequestFields.Clients, 10);
        values.Give(TrainingRequestFields.Fraction, 0.3);

        var request = values.Build();

        Assert.Null(request.ClientsPerRound);
        Assert.Equal(3, request.EffectiveClientsPerRound);
    }

    [Fact]
    public void Clients_per_round_given_beside_a_fraction_is_kept()
    {
        var values = new RequestValues { Preset = FiveARound };
        values.Give(TrainingRequestFields.Fraction, 0.3);
        values.Give(TrainingRequestFields.ClientsPerRound, 4);

        Assert.Equal(4, values.Build().EffectiveClientsPerRound);
    }

    [Fact]
    public void Without_a_fraction_the_presets_clients_per_round_stays()
    {
        var values = new RequestValues { Preset = FiveARound };
        values.Give(TrainingRequestFields.Clients, 10);

        Assert.Equal(5, values.Build().EffectiveClientsPerRound);
    }
}
