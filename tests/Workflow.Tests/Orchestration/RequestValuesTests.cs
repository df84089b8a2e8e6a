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
    // A preset that, like the recommended one, changes its strategy when few of many clients train a round.
    private static readonly Preset Adapting = new("adapting", "momentum when a round is partial", Presets.Reference,
        r => r.EffectiveClientsPerRound < r.Clients ? r with { ServerMomentum = 0.5 } : r with { ServerMomentum = 0 });

    [Fact]
    public void A_preset_that_adapts_answers_for_the_federation_the_given_values_describe()
    {
        var partial = new RequestValues { Preset = Adapting };
        partial.Give(TrainingRequestFields.Clients, 20);
        partial.Give(TrainingRequestFields.ClientsPerRound, 5);
        var full = new RequestValues { Preset = Adapting };
        full.Give(TrainingRequestFields.Fraction, 1.0);

        Assert.Equal(0.5, partial.Build().ServerMomentum);
        Assert.Equal(0, full.Build().ServerMomentum);
    }

    [Fact]
    public void A_given_value_wins_over_what_an_adapting_preset_chooses()
    {
        var values = new RequestValues { Preset = Adapting };
        values.Give(TrainingRequestFields.Clients, 20);
        values.Give(TrainingRequestFields.ServerMomentum, 0.9);

        var request = values.Build();

        Assert.Equal(0.9, request.ServerMomentum);
        Assert.Equal(20, request.Clients);
    }
}
