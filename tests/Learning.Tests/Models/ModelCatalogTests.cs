using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Lists_the_seed_model_and_at_least_one_more()
    {
        Assert.Contains("seed-cnn", ModelCatalog.Names);
        Assert.True(ModelCatalog.Names.Count >= 2);
        Assert.All(ModelCatalog.Names, name => Assert.True(ModelCatalog.Contains(name)));
        Assert.False(ModelCatalog.Contains("resnet-152"));
    }

    [Fact]
    public void Unknown_name_is_rejected_with_the_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create("resnet-152", 1));
        Assert.Contains("resnet-152", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed-cnn", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Same_seed_gives_bit_identical_weights_and_another_seed_does_not(string name)
    {
        using var a = ModelCatalog.Create(name, 7);
        using var b = ModelCatalog.Create(name, 7);
        using var c = ModelCatalog.Create(name, 8);

        WeightsAssert.BitIdentical(ModelWeights.FromModule(a, name), ModelWeights.FromModule(b, name));
        Assert.True(WeightsAssert.AnyDifference(ModelWeights.FromModule(a, name), ModelWeights.FromModule(c, name)));
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Every_model_maps_a_batch_of_images_to_ten_logits_from_finite_initial_weights(string name)
    {
        using var model = ModelCatalog.Create(name, 1);
        using var scope = NewDisposeScope();
        Tensor logits = model.forward(randn(3, 3, 32, 32, generator: new Generator(7)));

        Assert.Equal(new long[] { 3, 10 }, logits.shape);
        Assert.All(ModelWeights.FromModule(model, name).Tensors.Where(t => t.IsFloat), t => Assert.All(t.FloatData!, v => Assert.True(float.IsFinite(v), t.Name)));
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void The_models_listed_without_buffers_are_those_built_without_any(string name)
    {
        using var model = ModelCatalog.Create(name, 1);
        bool buffers = ModelWeights.FromModule(model, name).Tensors.Any(t => t.Kind != WeightKind.Parameter);

        Assert.Equal(!buffers, ModelCatalog.WithoutBuffers.Contains(name));
    }

    [Fact]
    public void Seed_cnn_has_the_reference_layers()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        var weights = ModelWeights.FromModule(model, "seed-cnn");
        string Shape(string tensor) => weights.Find(tensor)!.ShapeText;

        Assert.Equal("[32,3,3,3]", Shape("conv1.weight"));
        Assert.Equal("[64,32,3,3]", Shape("conv2.weight"));
        Assert.Equal("[128,64,3,3]", Shape("conv3.weight"));
        Assert.Equal("[256,2048]", Shape("fc1.weight"));
        Assert.Equal("[256]", Shape("bn4.running_var"));
        Assert.Equal("[10,256]", Shape("fc2.weight"));
        Assert.Equal(621_322, weights.Tensors.Where(t => t.Kind == WeightKind.Parameter).Sum(t => t.ElementCount));
        Assert.Single(model.modules().OfType<SeededDropout>());
    }

    [Fact]
    public void Concurrent_creation_is_still_deterministic()
    {
        ModelWeights expected;
        using (var model = ModelCatalog.Create("seed-cnn", 3))
        {
            expected = ModelWeights.FromModule(model, "seed-cnn");
        }

        // Even-numbered tasks build seed-cnn with seed 3; odd ones build another model in between, drawing from
        // the same global generator.
        var results = new ModelWeights?[8];
        Parallel.For(0, results.Length, i =>
        {
            string name = i % 2 == 0 ? "seed-cnn" : "wide-cnn";
            using var model = ModelCatalog.Create(name, i % 2 == 0 ? 3 : 4);
            results[i] = i % 2 == 0 ? ModelWeights.FromModule(model, name) : null;
        });

        Assert.All(results.Where(r => r is not null), r => WeightsAssert.BitIdentical(expected, r!));
    }

    public static TheoryData<string> AllModels() => [.. ModelCatalog.Names];
}
