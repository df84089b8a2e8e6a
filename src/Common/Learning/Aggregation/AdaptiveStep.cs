using System.Numerics.Tensors;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The adaptive server optimisers' parameter update, element by element: destination = x − η·m / (√v + τ), where m is
/// the first moment of the pseudo-gradient (global − average) and v its second moment.
/// </summary>
internal static class AdaptiveStep
{
    /// <param name="current">x, the global model's parameter; must not overlap <paramref name="destination"/>.</param>
    /// <param name="firstMoment">m; must not overlap <paramref name="destination"/>.</param>
    /// <param name="secondMoment">v (≥ 0); <paramref name="destination"/> may be this very span.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="tau">τ &gt; 0, which bounds each coordinate's step by η·|m|/τ.</param>
    /// <remarks>
    /// Empty spans are a no-op. A NaN anywhere gives NaN there; a negative v (which the optimisers never produce) gives
    /// NaN through its square root. v = +∞ freezes that coordinate (m/∞ = 0), and an infinite m moves it to ∓∞.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> current, ReadOnlySpan<float> firstMoment, ReadOnlySpan<float> secondMoment, float learningRate, float tau, Span<float> destination)
    {
        if (current.Length != destination.Length || firstMoment.Length != destination.Length || secondMoment.Length != destination.Length)
        {
            throw new ArgumentException($"The parameter ({current.Length}), the moments ({firstMoment.Length}, {secondMoment.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        // The destination holds √v + τ, then the ratio, then the result: no scratch array per tensor.
        TensorPrimitives.Sqrt(secondMoment, destination);
        TensorPrimitives.Add(destination, tau, destination);
        TensorPrimitives.Divide(firstMoment, destination, destination);
        TensorPrimitives.MultiplyAdd(destination, -learningRate, current, destination);
    }
}
