namespace FedAvg.Common.Aggregation;

/// <summary>
/// FedYogi's second moment (Reddi et al. 2021, after Zaheer et al. 2018), element by element:
/// destination = v − (1 − β₂)·g²·sign(v − g²). Unlike Adam's average it moves v toward g² by an amount that does not
/// grow with v, so a large past v shrinks slowly and the effective learning rate cannot jump up at once.
/// </summary>
internal static class YogiSecondMoment
{
    /// <param name="previous">v so far (≥ 0); <paramref name="destination"/> may be this very span.</param>
    /// <param name="squared">g², this round's squared pseudo-gradient (≥ 0); must not overlap <paramref name="destination"/>.</param>
    /// <param name="decay">β₂ in [0, 1).</param>
    /// <remarks>
    /// Empty spans are a no-op. v stays ≥ 0: it only decreases when v &gt; g², and then by (1 − β₂)·g² &lt; v. Where v equals
    /// g² it is left as it is (sign 0). A NaN in either input gives NaN; g² = +∞ (a pseudo-gradient beyond
    /// ±1.8e19 squared) gives +∞.
    /// </remarks>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> previous, ReadOnlySpan<float> squared, float decay, Span<float> destination)
    {
        if (previous.Length != destination.Length || squared.Length != destination.Length)
        {
            throw new ArgumentException($"The moment ({previous.Length}), the squares ({squared.Length}) and the destination ({destination.Length}) must have one length.", nameof(destination));
        }

        float rate = (float)(1.0 - decay);
        for (int i = 0; i < destination.Length; i++)
        {
            float v = previous[i];
            float g2 = squared[i];
            float difference = v - g2;

            // A NaN difference takes sign 0 here, but NaN·0 is still NaN, so a NaN input is not hidden.
            float sign = difference > 0 ? 1f : difference < 0 ? -1f : 0f;
            destination[i] = v - (rate * g2 * sign);
        }
    }
}
