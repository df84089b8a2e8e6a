namespace FedAvg.Common.Aggregation;

/// <summary>
/// The coordinate-wise median of the clients' weights (Yin et al. 2018): robust while fewer than half the clients
/// are Byzantine at every coordinate. See <see cref="CoordinateWiseAggregator"/> for weights and BatchNorm buffers.
/// </summary>
public sealed class CoordinateMedianAggregator : CoordinateWiseAggregator
{
    public override string Name => UpdateAggregators.Median;

    protected override void Combine(float[][] inputs, Span<float> destination) => CoordinateMedian.Compute(inputs, 0, destination);

    protected override void Combine(long[][] inputs, Span<long> destination) => CoordinateMedian.Compute(inputs, 0, destination);
}
