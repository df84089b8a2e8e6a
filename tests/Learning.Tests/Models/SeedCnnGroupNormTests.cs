using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Privacy;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Tests.Training;
using FedAvg.Common.Training;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Models;

[Collection(TorchSerial.Name)]
public sealed class SeedCnnGroupNormTests
{
    [Fact]
    public void Has_seed_cnns_parameters_with_group_norms_and_no_buffers()
    {
        using var model = ModelCatalog.Create("seed-cnn-gn", 1);
        var weights = ModelWeights.FromModule(model, "seed-cnn-gn");

        Assert.All(weights.Tensors, t => Assert.Equal(WeightKind.Parameter, t.Kind));
        Assert.Equal(621_322, weights.Tensors.Sum(t => t.ElementCount));
        Assert.Equal("[32]", weights.Find("gn1.weight")!.ShapeText);
        Assert.Equal("[256]", weights.Find("ln4.bias")!.ShapeText);
        Assert.Null(weights.Find("bn1.weight"));

        // Scale 1 and shift 0, as torch starts every norm layer.
        Assert.All(weights.Find("gn2.weight")!.FloatData!, v => Assert.Equal(1f, v));
        Assert.All(weights.Find("ln4.bias")!.FloatData!, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_same_seed_gives_seed_cnns_initial_conv_and_linear_weights()
    {
        using var batchNorm = ModelCatalog.Create("seed-cnn", 5);
        using var groupNorm = ModelCatalog.Create("seed-cnn-gn", 5);
        var bn = ModelWeights.FromModule(batchNorm, "seed-cnn");
        var gn = ModelWeights.FromModule(groupNorm, "seed-cnn-gn");

        foreach (string name in new[] { "conv1.weight", "conv3.bias", "fc1.weight", "fc2.bias" })
        {
            Assert.Equal(bn.Find(name)!.FloatData!, gn.Find(name)!.FloatData!);
        }
    }

    [Fact]
    public void Each_image_is_normalised_on_its_own_so_a_batch_changes_no_logit()
    {
        // Evaluation mode only turns dropout off here: there are no running statistics, so one image alone or among
        // others gets the same logits (up to the convolution's summation order).
        using var model = ModelCatalog.Create("seed-cnn-gn", 2);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor images = randn(4, 3, 32, 32, generator: new TorchSharp.torch.Generator(3));

        Tensor together = model.forward(images);
        Tensor alone = model.forward(images[1..2]);

        Assert.True(together[1..2].allclose(alone, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void It_trains_and_dp_fedavg_accepts_its_updates()
    {
        var data = SyntheticData.Random(96, seed: 8);
        using var model = ModelCatalog.Create("seed-cnn-gn", 4);
        var global = ModelWeights.FromModule(model, "seed-cnn-gn");

        var result = LocalTrainer.Train(model, data, new LocalTrainingOptions { Epochs = 1, BatchSize = 32, Seed = 1 });
        var update = ModelWeights.FromModule(model, "seed-cnn-gn");
        var round = DpFedAvgAggregator.Aggregate(global, [new ClientUpdate("0", update, 96)], new DifferentialPrivacyOptions(), clipNorm: 1, noiseSeed: 1);

        Assert.True(double.IsFinite(result.MeanLoss));
        Assert.True(WeightsAssert.AnyDifference(global, update));
        Assert.Equal(global.Tensors.Count, round.Average.Tensors.Count);
    }
}
