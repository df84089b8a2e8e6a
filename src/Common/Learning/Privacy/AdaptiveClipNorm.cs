using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Privacy;

/// <summary>
/// Adaptive clipping (Andrew et al. 2021, "Differentially Private Learning with Adaptive Clipping"): the clip follows
/// the γ-quantile of the clients' update norms by a geometric step on a noised count of the unclipped clients.
/// </summary>
public static class AdaptiveClipNorm
{
    /// <summary>
    /// C·exp(−η_C·(b̄ − γ)) with b̄ = (unclipped + N(0, σ_b²)) / clients: the clip shrinks while more than γ of the
    /// clients fit under it, and grows while fewer do.
    /// </summary>
    public static double Next(double clipNorm, int unclipped, int clients, double targetQuantile, double learningRate, double countNoiseStd, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        if (unclipped < 0 || unclipped > clients)
        {
            throw new ArgumentOutOfRangeException(nameof(unclipped), unclipped, $"Between 0 and the {clients} clients can be unclipped.");
        }

        double noise = countNoiseStd == 0 ? 0 : countNoiseStd * random.Normal();
        double share = (unclipped + noise) / clients;
        return clipNorm * Math.Exp(-learningRate * (share - targetQuantile));
    }

    /// <summary>
    /// The noise multiplier left for the updates when the count is released too: z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2)
    /// (Andrew et al. 2021, §3). The count of unclipped clients, centred, has sensitivity 1/2, so σ_b is worth a
    /// multiplier 2σ_b, and two Gaussian releases compose like one with z⁻² = z_Δ⁻² + (2σ_b)⁻². z = 0 leaves 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">2σ_b ≤ z: the count alone would use up the whole budget.</exception>
    public static double UpdateNoiseMultiplier(double noiseMultiplier, double countNoiseStd)
    {
        if (noiseMultiplier == 0)
        {
            return 0;
        }

        if (!(2 * countNoiseStd > noiseMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(countNoiseStd), countNoiseStd, $"The unclipped count's noise σ_b = {countNoiseStd} must exceed z/2 = {noiseMultiplier / 2}, or the updates would be left no noise.");
        }

        double countMultiplier = 2 * countNoiseStd;
        return 1 / Math.Sqrt((1 / (noiseMultiplier * noiseMultiplier)) - (1 / (countMultiplier * countMultiplier)));
    }
}
