using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Models;

public sealed class ModelWeightsTests
{
    [Fact]
    public void Covers_every_parameter_and_buffer_including_batchnorm_statistics()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        var weights = ModelWeights.FromModule(model, "seed-cnn");

        Assert.Equal("seed-cnn", weights.Architecture);
        Assert.Equal(model.named_parameters().Count() + model.named_buffers().Count(), weights.Tensors.Count);
        Assert.Equal(WeightKind.FloatBuffer, weights.Find("bn1.running_mean")!.Kind);
        Assert.Equal(WeightKind.FloatBuffer, weights.Find("bn4.running_var")!.Kind);
        var counter = weights.Find("bn2.num_batches_tracked")!;
        Assert.Equal(WeightKind.IntegerBuffer, counter.Kind);
        Assert.Empty(counter.Shape);
        Assert.Equal(WeightKind.Parameter, weights.Find("conv1.weight")!.Kind);
        // 621,322 parameters and 2 x 480 running statistics as floats, 4 batch counters as int64.
        Assert.Equal((621_322 + 960) * 4 + 4 * 8, weights.ByteCount);
    }

    [Fact]
    public void Copying_into_another_model_reproduces_parameters_and_buffers_exactly()
    {
        using var trained = ModelCatalog.Create("seed-cnn", 1);
        using (NewDisposeScope())
        {
            // A forward pass in training mode moves the running statistics and batch counters off their defaults.
            trained.forward(randn(8, 3, 32, 32, generator: new Generator(7)));
        }

        var weights = ModelWeights.FromModule(trained, "seed-cnn");
        Assert.Equal(1, weights.Find("bn1.num_batches_tracked")!.IntegerData![0]);

        using var fresh = ModelCatalog.Create("seed-cnn", 2);
        weights.CopyTo(fresh);

        WeightsAssert.BitIdentical(weights, ModelWeights.FromModule(fresh, "seed-cnn"));
    }

    [Fact]
    public void A_shape_mismatch_names_the_tensor_and_leaves_the_module_untouched()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        var before = ModelWeights.FromModule(model, "seed-cnn");
        var tensors = before.Tensors.ToList();
        int index = tensors.FindIndex(t => t.Name == "fc2.bias");
        tensors[index] = WeightTensor.FromFloats("fc2.bias", [11], WeightKind.Parameter, new float[11]);
        var wrong = new ModelWeights("seed-cnn", tensors.Select((t, i) => i == 0 ? WeightTensor.FromFloats(t.Name, t.Shape, t.Kind, new float[t.ElementCount]) : t));

        var error = Assert.Throws<ModelStateException>(() => wrong.CopyTo(model));

        Assert.Contains("fc2.bias", error.Message, StringComparison.Ordinal);
        Assert.Contains("[11]", error.Message, StringComparison.Ordinal);
        WeightsAssert.BitIdentical(before, ModelWeights.FromModule(model, "seed-cnn"));
    }

    [Fact]
    public void Weights_of_another_architecture_are_rejected_naming_a_tensor()
    {
        using var wide = ModelCatalog.Create("wide-cnn", 1);
        using var seed = ModelCatalog.Create("seed-cnn", 1);

        var error = Assert.Throws<ModelStateException>(() => ModelWeights.FromModule(wide, "wide-cnn").CopyTo(seed));

        Assert.Contains("block1.conv.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_missing_from_the_weights_is_named()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        var full = ModelWeights.FromModule(model, "seed-cnn");
        var partial = new ModelWeights("seed-cnn", full.Tensors.Where(t => t.Name != "bn3.running_var"));

        var error = Assert.Throws<ModelStateException>(() => partial.CopyTo(model));

        Assert.Contains("bn3.running_var", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_validate_their_data_against_their_shape_and_names_are_unique()
    {
        Assert.Throws<ArgumentException>(() => WeightTensor.FromFloats("w", [2, 3], WeightKind.Parameter, new float[5]));
        Assert.Throws<ArgumentException>(() => WeightTensor.FromFloats("w", [2], WeightKind.IntegerBuffer, new float[2]));
        Assert.Throws<ArgumentException>(() => WeightTensor.FromIntegers("n", [-1], []));
        Assert.Equal(1, WeightTensor.FromIntegers("n", [], [5]).ElementCount);
        var w = WeightTensor.FromFloats("w", [1], WeightKind.Parameter, [1f]);
        Assert.Throws<ArgumentException>(() => new ModelWeights("m", [w, w]));
    }
}
