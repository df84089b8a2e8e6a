namespace FedAvg.Common.Privacy;

/// <summary>
/// log(erfc(x)) to near double precision for every x, including far into the tail where erfc(x) itself underflows
/// (erfc(27) is below double's smallest value). .NET has no erf, so this is its own: the series below, a continued
/// fraction in the tail.
/// </summary>
internal static class LogErfc
{
    private const double TailStart = 2.5;
    private static readonly double LogSqrtPi = 0.5 * Math.Log(Math.PI);

    /// <remarks>NaN gives NaN; −∞ gives log 2; +∞ gives −∞.</remarks>
    public static double Compute(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= TailStart)
        {
            return double.IsPositiveInfinity(x) ? double.NegativeInfinity : (-x * x) - LogSqrtPi + Math.Log(TailFraction(x));
        }

        // erfc(x) = 1 − erf(x); for x below the tail erfc(x) ≥ 4.1e-4, so the subtraction loses at most 4 of 16 digits.
        // erfc(−x) = 1 + erf(x) has no cancellation at all.
        return x >= 0 ? Math.Log(1 - Erf(x)) : Math.Log(1 + Erf(-x));
    }

    /// <summary>
    /// erf(x) for x ≥ 0 from the series 2/√π·e^(−x²)·Σ (2x²)ⁿ·x / (1·3·…·(2n+1)), whose terms are all positive,
    /// so it sums without cancellation; at x = 2.5 it needs about 60 terms, at 6 about 100.
    /// </summary>
    private static double Erf(double x)
    {
        // Reached with large x only for erfc(−x) = 1 + erf(x); 1 − erf(6) ≈ 2e-17 is below half an ulp of 1, and the
        // series would not converge at +∞.
        if (x > 6)
        {
            return 1;
        }

        double twoXSquared = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++)
        {
            term *= twoXSquared / ((2 * n) + 1);
            sum += term;
        }

        return Math.Min(1.0, 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum);
    }

    /// <summary>
    /// √π·e^(x²)·erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x ≥ 2.5, evaluated by the modified Lentz method;
    /// at 2.5 it settles to 1e-16 within about 40 levels, further out in fewer.
    /// </summary>
    private static double TailFraction(double x)
    {
        const double Tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 1000; k++)
        {
            double a = k / 2.0;
            d = x + (a * d);
            d = d == 0 ? Tiny : d;
            c = x + (a / c);
            c = c == 0 ? Tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return 1 / f;
    }
}
