using System.Globalization;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The coordinate-wise β-trimmed mean of the clients' weights (Yin et al. 2018): at each coordinate ⌊β·n⌋ values are
/// dropped at each end and the rest averaged, so up to ⌊β·n⌋ Byzantine clients cannot drag it past the honest values.
/// β = 0 is the unweighted mean. See <see cref="CoordinateWiseAggregator"/> for weights and BatchNorm buffers.
/// </summary>
public sealed class TrimmedMeanAggregator : CoordinateWiseAggregator
{
    /// <param name="trimFraction">β in [0, 0.5): the fraction trimmed at each end.</param>
    public TrimmedMeanAggregator(double trimFraction)
    {
        if (!(trimFraction is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(trimFraction), trimFraction, $"The trim fraction must be in [0, 0.5); got {trimFraction.ToString(CultureInfo.InvariantCulture)}.");
        }

        TrimFraction = trimFraction;
    }

    public double TrimFraction { get; }

    public override string Name => UpdateAggregators.TrimmedMean;

    /// <summary>Values dropped at each end of <paramref name="clients"/>: ⌊β·n⌋ (the 1e-9 keeps 0.2·5 from flooring to 0).</summary>
    public int Trimmed(int clients) => (int)Math.Floor((TrimFraction * clients) + 1e-9);

    // β < 0.5 leaves at least one value of any non-empty round, so no round is too small to trim.
    protected override void Combine(float[][] inputs, Span<float> destination) =>
        CoordinateTrimmedMean.Compute(inputs, Trimmed(inputs.Length), 0, destination);

    protected override void Combine(long[][] inputs, Span<long> destination) =>
        CoordinateTrimmedMean.Compute(inputs, Trimmed(inputs.Length), 0, destination);
}
