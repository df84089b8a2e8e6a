using FedAvg.Common.Models;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Models;

// The first test moves torch's global generator on purpose. Run alone, it cannot draw between another test's
// seeding and its model's initialisation (ModelCatalogTests' concurrent-creation test failed that way).
[Collection(Training.TorchSerial.Name)]
public sealed class SeededDropoutTests
{
    [Fact]
    public void Same_seed_gives_the_same_mask_whatever_the_global_generator_does()
    {
        using var dropout = new SeededDropout(0.5);
        using var input = ones(1000);

        dropout.Reseed(11);
        float[] first = dropout.forward(input).data<float>().ToArray();
        manual_seed(999);
        using (rand(100))
        {
        }

        dropout.Reseed(11);
        float[] second = dropout.forward(input).data<float>().ToArray();
        dropout.Reseed(12);
        float[] other = dropout.forward(input).data<float>().ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Zeroes_about_p_of_the_values_and_scales_the_rest()
    {
        using var dropout = new SeededDropout(0.5, seed: 5);
        using var input = ones(10_000);
        float[] output = dropout.forward(input).data<float>().ToArray();

        Assert.All(output, v => Assert.True(v is 0f or 2f));
        Assert.InRange(output.Count(v => v == 0f), 4_700, 5_300);
    }

    [Fact]
    public void Passes_input_through_in_eval_mode()
    {
        using var dropout = new SeededDropout(0.5);
        dropout.eval();
        using var input = randn(100, generator: new Generator(7));

        Assert.Equal(input.data<float>().ToArray(), dropout.forward(input).data<float>().ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Rejects_probabilities_outside_zero_to_one(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededDropout(p));
}
