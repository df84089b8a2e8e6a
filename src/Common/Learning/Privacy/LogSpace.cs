namespace FedAvg.Common.Privacy;

/// <summary>
/// Sums and differences of numbers held as their natural logarithms, which the RDP accountant needs because its terms
/// range far beyond double's exponent. −∞ stands for 0.
/// </summary>
internal static class LogSpace
{
    /// <summary>log(eˣ + eʸ).</summary>
    public static double Add(double logX, double logY)
    {
        double small = Math.Min(logX, logY);
        double large = Math.Max(logX, logY);
        if (double.IsNegativeInfinity(small))
        {
            return large;
        }

        // eᵃ + eᵇ = (e^(a−b) + 1)·eᵇ with a ≤ b, so the exponential cannot overflow.
        return Math.Log(1 + Math.Exp(small - large)) + large;
    }

    /// <summary>log(eˣ − eʸ) for x ≥ y.</summary>
    /// <exception cref="ArgumentException">x &lt; y: the difference would be negative.</exception>
    public static double Subtract(double logX, double logY)
    {
        if (logX < logY)
        {
            throw new ArgumentException($"log-space subtraction needs x ≥ y; got x = {logX}, y = {logY}.", nameof(logY));
        }

        if (double.IsNegativeInfinity(logY))
        {
            return logX;
        }

        if (logX == logY)
        {
            return double.NegativeInfinity;
        }

        // eˣ − eʸ = (e^(x−y) − 1)·eʸ; where e^(x−y) overflows, eʸ is negligible beside eˣ.
        double ratio = Math.Exp(logX - logY) - 1;
        return double.IsPositiveInfinity(ratio) ? logX : Math.Log(ratio) + logY;
    }
}
