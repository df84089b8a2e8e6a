using System.Text;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Tests.Orchestration;

public sealed class TrainingRequestParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("  ")]
    public void An_empty_request_is_the_recommended_preset(string json)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(Presets.Recommended, request);
        Assert.Equal(5, request!.EffectiveClientsPerRound);
        Assert.Equal((4, "cosine", 5e-4, true), (request.LocalEpochs, request.LearningRateSchedule, request.WeightDecay, request.Augmentation));
    }

    [Fact]
    public void The_reference_preset_is_the_reference_experiment()
    {
        var request = TrainingRequestParser.Parse("""{"preset":"reference"}"""u8, out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(new TrainingRequest(), request);
        Assert.Equal(3, request!.EffectiveClientsPerRound);
        Assert.Equal((10, 5, 0.5, 7, 64, 0.03, "constant", 0.9, 0.0, false, "seed-cnn", 42),
            (request.Rounds, request.Clients, request.Alpha, request.LocalEpochs, request.BatchSize, request.LearningRate,
             request.LearningRateSchedule, request.Momentum, request.WeightDecay, request.Augmentation, request.Model, request.Seed));
    }

    [Theory]
    [InlineData("recommended")]
    [InlineData("reference")]
    public void A_given_fraction_beats_the_preset_and_its_clients_per_round(string preset)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes($$"""{"preset":"{{preset}}","clients":10,"fraction":0.3}"""), out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(3, request!.EffectiveClientsPerRound);
    }

    [Fact]
    public void Fields_are_read_case_insensitively_over_the_chosen_preset()
    {
        var request = TrainingRequestParser.Parse("""{"preset":"recommended","Rounds":3,"alpha":0.1,"clientsPerRound":2,"augmentation":false}"""u8, out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(Presets.Recommended with { Rounds = 3, Alpha = 0.1, ClientsPerRound = 2, Augmentation = false }, request);
    }

    [Fact]
    public void A_federation_of_ten_thousand_clients_is_accepted()
    {
        var request = TrainingRequestParser.Parse("""{"clients":10000,"clientsPerRound":200,"partition":"iid"}"""u8, out var errors);

        Assert.False(errors.Any, errors.ToString());
        Assert.Equal(10_000, request!.Clients);
    }

    [Theory]
    [InlineData("""{"rounds":0}""", "rounds")]
    [InlineData("""{"rounds":1001}""", "rounds")]
    [InlineData("""{"rounds":"ten"}""", "rounds")]
    [InlineData("""{"clients":10001}""", "clients")]
    [InlineData("""{"rounds":2.5}""", "rounds")]
    [InlineData("""{"alpha":0}""", "alpha")]
    [InlineData("""{"alpha":-1}""", "alpha")]
    [InlineData("""{"clientsPerRound":6}""", "clientsPerRound")]
    [InlineData("""{"clients":2,"clientsPerRound":3}""", "clientsPerRound")]
    [InlineData("""{"model":"gpt"}""", "model")]
    [InlineData("""{"learningRate":0}""", "learningRate")]
    [InlineData("""{"momentum":1}""", "momentum")]
    [InlineData("""{"augmentation":"yes"}""", "augmentation")]
    [InlineData("""{"minClientsPerRound":6}""", "minClientsPerRound")]
    [InlineData("""{"preset":"reference","minClientsPerRound":4}""", "minClientsPerRound")]
    [InlineData("""{"serverMomentum":1}""", "serverMomentum")]
    [InlineData("""{"serverLearningRate":0}""", "serverLearningRate")]
    [InlineData("""{"testLimit":10001}""", "testLimit")]
    [InlineData("""{"serverOptimizer":"fedadam"}""", "serverOptimizer")]
    [InlineData("""{"serverOptimizer":"adam","serverMomentum":0.9}""", "serverMomentum")]
    [InlineData("""{"serverOptimizer":"yogi","serverMomentum":0.5,"serverLearningRate":0.1}""", "serverMomentum")]
    [InlineData("""{"serverBeta1":1}""", "serverBeta1")]
    [InlineData("""{"serverBeta2":-0.1}""", "serverBeta2")]
    [InlineData("""{"serverTau":0}""", "serverTau")]
    [InlineData("""{"serverTau":2}""", "serverTau")]
    [InlineData("""{"clientAlgorithm":"fednova"}""", "clientAlgorithm")]
    [InlineData("""{"clientAlgorithm":"fedprox","proximalMu":-0.01}""", "proximalMu")]
    [InlineData("""{"proximalMu":101}""", "proximalMu")]
    [InlineData("""{"rounds":null}""", "rounds")]
    [InlineData("""{"batchSize":1}""", "batchSize")]
    [InlineData("""{"partition":"random"}""", "partition")]
    [InlineData("""{"learningRateSchedule":"step"}""", "learningRateSchedule")]
    [InlineData("""{"trainLimit":3}""", "trainLimit")]
    [InlineData("""{"epochs":3}""", "epochs")]
    [InlineData("""{"preset":"fast"}""", "preset")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"rounds":""", "body")]
    public void Each_bad_field_is_named(string json, string field)
    {
        var request = TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.Null(request);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("""{"serverOptimizer":"avgm","serverMomentum":0.9}""")]
    [InlineData("""{"serverOptimizer":"adam","serverLearningRate":0.05,"serverBeta1":0,"serverBeta2":0.999,"serverTau":1e-9}""")]
    [InlineData("""{"serverOptimizer":"adagrad","serverLearningRate":0.1}""")]
    [InlineData("""{"clientAlgorithm":"fedprox","proximalMu":0}""")]
    [InlineData("""{"clientAlgorithm":"scaffold"}""")]
    public void Every_client_algorithm_and_server_optimizer_is_accepted_with_its_own_settings(string json)
    {
        TrainingRequestParser.Parse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.False(errors.Any, errors.ToString());
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        TrainingRequestParser.Parse("""{"rounds":-1,"alpha":0,"bogus":true,"model":"x"}"""u8, out var errors);

        Assert.Equal(["alpha", "bogus", "model", "rounds"], errors.ToDictionary().Keys.Order());
    }
}
