using System.Text;
using FedAvg.Common.Models;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>The recommended preset's choice by the federation's shape, as a user's JSON request reaches it.</summary>
public sealed class SkewedFederationRecipeTests
{
    private static TrainingRequest Parse(string json)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);
        Assert.False(errors.Any, errors.ToString());
        return request!;
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"clients":20}""")]
    [InlineData("""{"alpha":0.5,"fraction":1}""")]
    [InlineData("""{"partition":"iid","clients":10}""")]
    public void On_a_federation_like_the_seed_one_the_recommended_preset_keeps_its_recipe(string json)
    {
        var request = Parse(json);

        Assert.Equal((Presets.Recommended.Model, Presets.Recommended.ServerMomentum), (request.Model, request.ServerMomentum));
    }

    [Theory]
    [InlineData("""{"clients":20,"alpha":0.1,"clientsPerRound":5}""")]
    [InlineData("""{"clients":10,"alpha":0.1}""")]
    [InlineData("""{"clients":10,"fraction":0.3}""")]
    [InlineData("""{"partition":"iid","clients":10,"clientsPerRound":3}""")]
    public void Under_strong_skew_or_partial_rounds_it_switches_to_groupnorm_and_server_momentum(string json)
    {
        var request = Parse(json);

        Assert.Equal((ModelCatalog.SeedCnnGroupNormName, SkewedFederationRecipe.ServerMomentum), (request.Model, request.ServerMomentum));
        Assert.Equal(Presets.Recommended.LocalEpochs, request.LocalEpochs);
    }

    [Fact]
    public void What_the_user_gives_wins_over_what_it_would_choose()
    {
        var request = Parse("""{"clients":20,"alpha":0.1,"clientsPerRound":5,"model":"seed-cnn","serverMomentum":0}""");

        Assert.Equal(("seed-cnn", 0.0), (request.Model, request.ServerMomentum));
    }

    [Fact]
    public void It_leaves_a_server_optimiser_the_user_chose_without_momentum()
    {
        var request = Parse("""{"clients":20,"alpha":0.1,"clientsPerRound":5,"serverOptimizer":"adam","serverLearningRate":0.05}""");

        Assert.Equal(0, request.ServerMomentum);
        Assert.Equal(ModelCatalog.SeedCnnGroupNormName, request.Model);
    }

    [Fact]
    public void The_reference_preset_is_the_reference_experiment_whatever_the_federation()
    {
        var request = Parse("""{"preset":"reference","clients":20,"alpha":0.1,"clientsPerRound":5}""");

        Assert.Equal(Presets.Reference with { Clients = 20, Alpha = 0.1, ClientsPerRound = 5 }, request);
    }
}
