using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

/// <summary>The logit-adjusted local loss (Menon et al. 2021; the balanced softmax at τ = 1).</summary>
[Collection(TorchSerial.Name)]
public sealed class LogitAdjustmentTests
{
    [Fact]
    public void The_offsets_are_tau_times_the_log_of_the_add_one_smoothed_label_frequencies()
    {
        // n = 4 over C = 3 classes: π = (3 + 1, 0 + 1, 1 + 1) / 7.
        float[] offsets = LogitAdjustment.Offsets([3, 0, 1], tau: 2);

        Assert.Equal([(float)(2 * Math.Log(4.0 / 7)), (float)(2 * Math.Log(1.0 / 7)), (float)(2 * Math.Log(2.0 / 7))], offsets);
    }

    [Fact]
    public void No_samples_give_the_uniform_prior_and_no_classes_give_no_offsets()
    {
        Assert.All(LogitAdjustment.Offsets(new int[10], tau: 1), o => Assert.Equal((float)Math.Log(0.1), o));
        Assert.Empty(LogitAdjustment.Offsets([], tau: 1));
    }

    [Fact]
    public void Counts_whose_sum_overflows_an_int_give_finite_offsets()
    {
        float[] offsets = LogitAdjustment.Offsets([int.MaxValue, int.MaxValue], tau: 1);

        Assert.All(offsets, o => Assert.Equal(Math.Log(0.5), o, 6));
    }

    [Fact]
    public void A_negative_count_or_a_tau_that_is_not_finite_is_refused()
    {
        Assert.Equal("histogram", Assert.Throws<ArgumentException>(() => LogitAdjustment.Offsets([1, -1], 1)).ParamName);
        Assert.All(new[] { double.NaN, double.PositiveInfinity }, tau =>
            Assert.Equal("tau", Assert.Throws<ArgumentException>(() => LogitAdjustment.Offsets([1, 1], tau)).ParamName));
    }

    [Fact]
    public void Tau_out_of_range_is_refused_by_name()
    {
        foreach (double tau in new[] { -0.1, LocalTrainingOptions.MaxLogitAdjustment + 0.1, double.NaN })
        {
            var error = Assert.ThrowsAny<ArgumentException>(new LocalTrainingOptions { LogitAdjustment = tau }.Validate);
            Assert.Equal(nameof(LocalTrainingOptions.LogitAdjustment), error.ParamName);
        }
    }

    [Fact]
    public void A_client_holding_two_classes_leaves_the_other_eight_far_more_likely_than_plain_cross_entropy_does()
    {
        // The client's images are labelled 0 or 1 only; the model is then judged on images labelled 2 to 9.
        var client = Relabel(SyntheticData.Random(160, seed: 31), label => label % 2);
        var absent = Relabel(SyntheticData.Random(200, seed: 32), label => 2 + (label % 8));
        var options = new LocalTrainingOptions { Epochs = 3, BatchSize = 32, LearningRate = 0.05, Momentum = 0.9, Seed = 8 };

        double plain = LossOnAbsentClasses(client, absent, options);
        double adjusted = LossOnAbsentClasses(client, absent, options with { LogitAdjustment = 1 });

        // The absent classes' loss is −log of the probability left to them: the adjusted client keeps e^(plain − adjusted) times more.
        // Measured here: 22.5 against 63.9.
        Assert.True(adjusted < plain - 1, $"cross-entropy on the absent classes: adjusted {adjusted:F3}, plain {plain:F3}");
    }

    private static double LossOnAbsentClasses(CifarDataset client, CifarDataset absent, LocalTrainingOptions options)
    {
        using var model = ModelCatalog.Create("seed-cnn", 3);
        LocalTrainer.Train(model, client, options);
        return Evaluator.Evaluate(model, absent).MeanLoss;
    }

    private static CifarDataset Relabel(CifarDataset data, Func<int, int> label) =>
        new([.. data.Labels.Select(l => (byte)label(l))], data.Pixels);
}
