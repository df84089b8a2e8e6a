using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Partitioning;
using FedAvg.Common.Privacy;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Privacy;

/// <summary>DP-FedAvg's clipping, noise and adaptive clip (McMahan et al. 2018; Andrew et al. 2021).</summary>
public sealed class DpFedAvgTests
{
    private static readonly DifferentialPrivacyOptions NoNoise = new() { NoiseMultiplier = 0 };

    [Fact]
    public void A_change_beyond_the_clip_is_scaled_onto_it_and_one_within_is_kept_bit_for_bit()
    {
        // Global [1, 1]. Client a moves by (3, 4), norm 5, clip 1: scaled by 1/5 to (0.6, 0.8) → [1.6, 1.8].
        // Client b moves by (0.3, −0.4), norm 0.5: kept → [1.3, 0.6]. Unweighted mean (samples 9 and 1 ignored): [1.45, 1.2].
        var global = Weights(1, 1);
        var a = new ClientUpdate("a", Weights(4, 5), 9);
        var b = new ClientUpdate("b", Weights(1.3f, 0.6f), 1);

        var (clipped, within) = DpFedAvgAggregator.Clip(global, a.Weights, 1);
        var (kept, keptWithin) = DpFedAvgAggregator.Clip(global, b.Weights, 1);
        var round = DpFedAvgAggregator.Aggregate(global, [a, b], NoNoise, clipNorm: 1, noiseSeed: 1);

        Assert.False(within);
        Assert.Equal([1.6f, 1.8f], clipped.Tensors[0].FloatData!);
        Assert.True(keptWithin);
        Assert.Same(b.Weights, kept);
        Assert.Equal(1.45f, round.Average.Tensors[0].FloatData![0], 1e-6f);
        Assert.Equal(1.2f, round.Average.Tensors[0].FloatData![1], 1e-6f);
        Assert.Equal(1, round.Unclipped);
        Assert.Equal(0, round.NoiseStd);
        Assert.Equal(1, round.NextClipNorm);
    }

    [Fact]
    public void The_noise_has_std_noise_multiplier_times_clip_over_clients()
    {
        // Four identical clients whose change (0.1 in one coordinate) is within the clip: the clean mean is their weights,
        // so result − weights is the noise alone. z = 1.5, C = 2, n = 4: std = 1.5·2/4 = 0.75. With 200,000 draws the
        // sample std's standard error is 0.75/√400000 ≈ 0.0012 and the mean's 0.75/√200000 ≈ 0.0017; the bounds are
        // about 4 standard errors. The seed is fixed, so this checks one sample, always the same.
        const int Length = 200_000;
        var global = new ModelWeights("m", [WeightTensor.FromFloats("p", [Length], WeightKind.Parameter, new float[Length])]);
        float[] moved = new float[Length];
        moved[0] = 0.1f;
        var updates = Enumerable.Range(0, 4).Select(c => new ClientUpdate($"c{c}", new ModelWeights("m", [WeightTensor.FromFloats("p", [Length], WeightKind.Parameter, (float[])moved.Clone())]), 1)).ToArray();

        var round = DpFedAvgAggregator.Aggregate(global, updates, new DifferentialPrivacyOptions { NoiseMultiplier = 1.5, ClipNorm = 2 }, clipNorm: 2, noiseSeed: 7);

        float[] result = round.Average.Tensors[0].FloatData!;
        double[] noise = [.. result.Select((v, i) => (double)v - moved[i])];
        double mean = noise.Average();
        double std = Math.Sqrt(noise.Sum(x => (x - mean) * (x - mean)) / (Length - 1));
        Assert.Equal(0.75, round.NoiseStd);
        Assert.True(Math.Abs(std - 0.75) < 0.005, $"sample std {std}");
        Assert.True(Math.Abs(mean) < 0.007, $"sample mean {mean}");
    }

    [Fact]
    public void The_same_seed_draws_the_same_noise_and_another_seed_other_noise()
    {
        var global = Weights(0, 0);
        ClientUpdate[] updates = [new("a", Weights(0.5f, 0), 1), new("b", Weights(0, 0.5f), 1)];
        var options = new DifferentialPrivacyOptions();

        var first = DpFedAvgAggregator.Aggregate(global, updates, options, 1, noiseSeed: 3);
        var again = DpFedAvgAggregator.Aggregate(global, updates, options, 1, noiseSeed: 3);
        var other = DpFedAvgAggregator.Aggregate(global, updates, options, 1, noiseSeed: 4);

        WeightsAssert.BitIdentical(first.Average, again.Average);
        Assert.True(WeightsAssert.AnyDifference(first.Average, other.Average));
    }

    [Fact]
    public void Adaptive_clipping_steps_the_clip_toward_the_target_quantile()
    {
        // Without count noise (σ_b = 0, allowed only because z = 0): 1 of 2 unclipped, b̄ = 0.5, γ = 0.25, η = 0.2:
        // C' = 1·exp(−0.2·(0.5 − 0.25)) = e^−0.05 = 0.951229. More clients under the clip than wanted: it shrinks.
        var options = NoNoise with { AdaptiveClipping = true, TargetUnclippedQuantile = 0.25, ClipLearningRate = 0.2, UnclippedCountNoiseStd = 0 };
        ClientUpdate[] updates = [new("a", Weights(4, 5), 1), new("b", Weights(1.3f, 0.6f), 1)];

        var round = DpFedAvgAggregator.Aggregate(Weights(1, 1), updates, options, clipNorm: 1, noiseSeed: 1);

        Assert.Equal(0.951229424500714, round.NextClipNorm, 1e-12);

        // Nobody under the clip with γ = 0.5: C' = 2·exp(−0.2·(0 − 0.5)) = 2·e^0.1 = 2.210342; it grows.
        Assert.Equal(2 * Math.Exp(0.1), AdaptiveClipNorm.Next(2, 0, 4, 0.5, 0.2, 0, new DeterministicRandom(1)), 1e-12);
    }

    [Fact]
    public void Adaptive_clipping_leaves_the_updates_the_rest_of_the_noise_multiplier()
    {
        // z = 1, σ_b = 1: z_Δ = (1⁻² − 2⁻²)^(−1/2) = 1/√0.75 = 1.1547005; the count takes no more than it must.
        Assert.Equal(1.1547005383792517, AdaptiveClipNorm.UpdateNoiseMultiplier(1, 1), 1e-12);
        Assert.Equal(0, AdaptiveClipNorm.UpdateNoiseMultiplier(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveClipNorm.UpdateNoiseMultiplier(1, 0.5));

        // Four clients and z = 1, C = 2: std = 1.1547005·2/4.
        ClientUpdate[] updates = [.. Enumerable.Range(0, 4).Select(c => new ClientUpdate($"c{c}", Weights(0, 0), 1))];
        var round = DpFedAvgAggregator.Aggregate(Weights(0, 0), updates, new DifferentialPrivacyOptions { AdaptiveClipping = true, UnclippedCountNoiseStd = 1, ClipNorm = 2 }, 2, 1);
        Assert.Equal(1.1547005383792517 * 2 / 4, round.NoiseStd, 1e-12);
    }

    [Fact]
    public void A_model_with_batchnorm_buffers_is_refused_with_a_reason()
    {
        var global = new ModelWeights("seed-cnn",
        [
            WeightTensor.FromFloats("p", [1], WeightKind.Parameter, [0]),
            WeightTensor.FromFloats("bn1.running_mean", [1], WeightKind.FloatBuffer, [0]),
        ]);

        var error = Assert.Throws<AggregationException>(() => DpFedAvgAggregator.Aggregate(global, [new ClientUpdate("a", global, 1)], NoNoise, 1, 1));

        Assert.Null(error.ClientId);
        Assert.Contains("bn1.running_mean", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed-cnn-gn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_update_is_rejected_naming_the_client()
    {
        var error = Assert.Throws<AggregationException>(() => DpFedAvgAggregator.Aggregate(Weights(0, 0), [new("a", Weights(0, 0), 1), new("b", Weights(float.NaN, 0), 1)], NoNoise, 1, 1));

        Assert.Equal("b", error.ClientId);
    }

    [Theory]
    [InlineData(nameof(DifferentialPrivacyOptions.ClipNorm))]
    [InlineData(nameof(DifferentialPrivacyOptions.NoiseMultiplier))]
    [InlineData(nameof(DifferentialPrivacyOptions.Delta))]
    [InlineData(nameof(DifferentialPrivacyOptions.TargetUnclippedQuantile))]
    [InlineData(nameof(DifferentialPrivacyOptions.ClipLearningRate))]
    [InlineData(nameof(DifferentialPrivacyOptions.UnclippedCountNoiseStd))]
    public void An_invalid_field_is_named(string field)
    {
        var defaults = new DifferentialPrivacyOptions();
        var options = field switch
        {
            nameof(DifferentialPrivacyOptions.ClipNorm) => defaults with { ClipNorm = 0 },
            nameof(DifferentialPrivacyOptions.NoiseMultiplier) => defaults with { NoiseMultiplier = -1 },
            nameof(DifferentialPrivacyOptions.Delta) => defaults with { Delta = 1 },
            nameof(DifferentialPrivacyOptions.TargetUnclippedQuantile) => defaults with { TargetUnclippedQuantile = 1.5 },
            nameof(DifferentialPrivacyOptions.ClipLearningRate) => defaults with { ClipLearningRate = 0 },
            // z = 1 needs σ_b > 0.5 with adaptive clipping.
            _ => defaults with { AdaptiveClipping = true, UnclippedCountNoiseStd = 0.5 },
        };

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    private static ModelWeights Weights(float x, float y) =>
        new("m", [WeightTensor.FromFloats("p", [2], WeightKind.Parameter, [x, y])]);
}
