using static FedAvg.Common.Training.OptionRule;

namespace FedAvg.Common.Privacy;

/// <summary>
/// Client-level differential privacy for FedAvg (DP-FedAvg, McMahan et al. 2018): every client's change to the global
/// model is clipped to an L2 norm, and Gaussian noise of NoiseMultiplier × clip / clients is added to their mean.
/// Adaptive clipping (Andrew et al. 2021) moves the clip each round toward a quantile of the clients' norms, and pays
/// for the noisy count it needs out of the same noise multiplier.
/// </summary>
public sealed record DifferentialPrivacyOptions
{
    /// <summary>C, the L2 norm each client's change is clipped to (the first round's, with adaptive clipping).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>z: the noise's standard deviation in units of the clip. 0 clips without noise, which is no privacy.</summary>
    public double NoiseMultiplier { get; init; } = 1.0;

    /// <summary>The δ that ε is reported for; below 1/clients to mean anything.</summary>
    public double Delta { get; init; } = 1e-5;

    public bool AdaptiveClipping { get; init; }

    /// <summary>γ: the share of clients that adaptive clipping aims to leave unclipped (Andrew et al.: 0.5).</summary>
    public double TargetUnclippedQuantile { get; init; } = 0.5;

    /// <summary>η_C: the clip's geometric step, C ← C·exp(−η_C·(unclipped share − γ)) (Andrew et al.: 0.2).</summary>
    public double ClipLearningRate { get; init; } = 0.2;

    /// <summary>
    /// σ_b: the standard deviation of the noise on the count of unclipped clients; null for clients per round / 20 as
    /// Andrew et al. suggest. Must exceed NoiseMultiplier / 2, since the updates keep z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2).
    /// </summary>
    public double? UnclippedCountNoiseStd { get; init; }

    /// <exception cref="ArgumentException">A field is out of range; the exception's ParamName names it.</exception>
    public void Validate()
    {
        Require(double.IsFinite(ClipNorm) && ClipNorm > 0 && ClipNorm <= 1e4, ClipNorm, nameof(ClipNorm), "must be in (0, 10000]");
        Require(NoiseMultiplier is >= 0 and <= 100, NoiseMultiplier, nameof(NoiseMultiplier), "must be in [0, 100]");
        Require(Delta is > 0 and < 1, Delta, nameof(Delta), "must be in (0, 1)");
        Require(TargetUnclippedQuantile is >= 0 and <= 1, TargetUnclippedQuantile, nameof(TargetUnclippedQuantile), "must be in [0, 1]");
        Require(ClipLearningRate is > 0 and <= 10, ClipLearningRate, nameof(ClipLearningRate), "must be in (0, 10]");
        Require(UnclippedCountNoiseStd is null or (>= 0 and <= 1e6), UnclippedCountNoiseStd ?? 0, nameof(UnclippedCountNoiseStd), "must be in [0, 1000000], or absent for clients / 20");
        Require(
            !AdaptiveClipping || UnclippedCountNoiseStd is not { } std || NoiseMultiplier == 0 || 2 * std > NoiseMultiplier,
            UnclippedCountNoiseStd ?? 0,
            nameof(UnclippedCountNoiseStd),
            $"must exceed {nameof(NoiseMultiplier)} / 2 = {NoiseMultiplier / 2} with adaptive clipping, or the updates would be left no noise");
    }
}
