using System.Globalization;

namespace FedAvg.Common.Privacy;

/// <summary>
/// Rényi-DP accounting for the sampled Gaussian mechanism (Mironov, Talwar and Zhang 2019, "Rényi Differential Privacy
/// of the Sampled Gaussian Mechanism", §3.3): each of <c>steps</c> rounds includes each client with probability q and
/// adds Gaussian noise of σ times the sensitivity. It follows the computation of TensorFlow Privacy's and Opacus'
/// <c>compute_rdp</c> (integer orders by the binomial sum, fractional ones by the two-sided series, stopped once a term
/// falls below e^−30) and Opacus' <c>get_privacy_spent</c> (the RDP → (ε, δ) conversion of Balle et al. 2020,
/// Theorem 21), over Opacus' default orders. For DP-FedAvg, q = clients per round / clients, σ = the noise multiplier,
/// steps = rounds; fixed-size client selection is accounted as if it were Poisson sampling with that q, as is usual.
/// </summary>
public static class RdpAccountant
{
    /// <summary>Opacus' RDPAccountant.DEFAULT_ALPHAS: 1.1, 1.2, …, 10.9, then 12, 13, …, 63.</summary>
    public static IReadOnlyList<double> DefaultOrders { get; } =
        [.. Enumerable.Range(1, 99).Select(x => 1 + (x / 10.0)), .. Enumerable.Range(12, 52).Select(x => (double)x)];

    /// <summary>ε for <paramref name="steps"/> rounds at sampling rate q and noise multiplier σ, over <see cref="DefaultOrders"/>.</summary>
    public static PrivacySpent Epsilon(double samplingRate, double noiseMultiplier, long steps, double delta)
    {
        IReadOnlyList<double> orders = DefaultOrders;
        return Spent(orders, ComputeRdp(samplingRate, noiseMultiplier, steps, orders), delta);
    }

    /// <summary>
    /// The RDP of <paramref name="steps"/> compositions at each order; RDP adds up under composition, so the results of
    /// differently configured phases can be summed element-wise before <see cref="Spent"/>.
    /// </summary>
    /// <returns>One value per order, +∞ where there is no bound (σ = 0, or an infinite order).</returns>
    /// <exception cref="ArgumentOutOfRangeException">q outside [0, 1], σ negative or not finite, steps negative, or an order ≤ 1 or NaN.</exception>
    public static double[] ComputeRdp(double samplingRate, double noiseMultiplier, long steps, IReadOnlyList<double> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (!(samplingRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, $"The sampling rate must be in [0, 1]; got {Text(samplingRate)}.");
        }

        if (!(double.IsFinite(noiseMultiplier) && noiseMultiplier >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, $"The noise multiplier must be finite and ≥ 0; got {Text(noiseMultiplier)}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        CheckOrders(orders);
        var rdp = new double[orders.Count];
        for (int i = 0; i < rdp.Length; i++)
        {
            // 0·∞ would be NaN; zero steps spend nothing, whatever σ.
            rdp[i] = steps == 0 ? 0 : OneStep(samplingRate, noiseMultiplier, orders[i]) * steps;
        }

        return rdp;
    }

    /// <summary>
    /// The smallest ε over the orders: ε(α) = RDP(α) − (log δ + log α)/(α − 1) + log((α − 1)/α). An order whose ε is NaN
    /// is passed over; when every one is, ε is +∞ and the order NaN.
    /// </summary>
    /// <exception cref="ArgumentException">δ outside (0, 1), lists of different lengths, an order ≤ 1, or a negative or NaN RDP.</exception>
    public static PrivacySpent Spent(IReadOnlyList<double> orders, IReadOnlyList<double> rdp, double delta)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(rdp);
        if (!(delta is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"δ must be in (0, 1); got {Text(delta)}.");
        }

        if (orders.Count != rdp.Count || orders.Count == 0)
        {
            throw new ArgumentException($"Need one RDP value per order, at least one; got {orders.Count} orders and {rdp.Count} values.", nameof(rdp));
        }

        CheckOrders(orders);
        double best = double.PositiveInfinity;
        double bestOrder = double.NaN;
        for (int i = 0; i < orders.Count; i++)
        {
            if (!(rdp[i] >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(rdp), rdp[i], $"RDP values are ≥ 0; the one at order {Text(orders[i])} is {Text(rdp[i])}.");
            }

            double alpha = orders[i];
            double epsilon = rdp[i] - ((Math.Log(delta) + Math.Log(alpha)) / (alpha - 1)) + Math.Log((alpha - 1) / alpha);
            if (epsilon < best || (double.IsNaN(bestOrder) && !double.IsNaN(epsilon)))
            {
                best = epsilon;
                bestOrder = alpha;
            }
        }

        return new PrivacySpent(best, delta, bestOrder);
    }

    /// <summary>The RDP of one step at order α.</summary>
    private static double OneStep(double q, double sigma, double alpha)
    {
        if (q == 0)
        {
            return 0;
        }

        if (sigma == 0)
        {
            return double.PositiveInfinity;
        }

        if (q == 1)
        {
            // The Gaussian mechanism without sampling: α/(2σ²).
            return alpha / (2 * sigma * sigma);
        }

        if (double.IsPositiveInfinity(alpha))
        {
            return double.PositiveInfinity;
        }

        return (Math.Floor(alpha) == alpha ? LogAIntegerOrder(q, sigma, (long)alpha) : LogAFractionalOrder(q, sigma, alpha)) / (alpha - 1);
    }

    /// <summary>log A_α = log Σᵢ C(α, i)·qⁱ·(1 − q)^(α−i)·e^((i² − i)/(2σ²)), i = 0 … α.</summary>
    private static double LogAIntegerOrder(double q, double sigma, long alpha)
    {
        double logA = double.NegativeInfinity;
        double logBinomial = 0;
        for (long i = 0; i <= alpha; i++)
        {
            if (i > 0)
            {
                logBinomial += Math.Log(alpha - i + 1) - Math.Log(i);
            }

            double logCoefficient = logBinomial + (i * Math.Log(q)) + ((alpha - i) * Math.Log(1 - q));
            logA = LogSpace.Add(logA, logCoefficient + ((((double)i * i) - i) / (2 * sigma * sigma)));
        }

        return logA;
    }

    /// <summary>
    /// log A_α for fractional α: the integrals over (−∞, z₀] and [z₀, ∞) with z₀ = σ²·log(1/q − 1) + 1/2, each as a
    /// series in i whose binomial coefficients C(α, i) change sign past α, summed until both terms fall below e^−30.
    /// </summary>
    private static double LogAFractionalOrder(double q, double sigma, double alpha)
    {
        double logA0 = double.NegativeInfinity;
        double logA1 = double.NegativeInfinity;
        double z0 = (sigma * sigma * Math.Log((1 / q) - 1)) + 0.5;
        double coefficient = 1;
        double sqrt2Sigma = Math.Sqrt(2) * sigma;
        for (int i = 0; ; i++)
        {
            if (i > 0)
            {
                coefficient *= (alpha - i + 1) / i;
            }

            double logCoefficient = Math.Log(Math.Abs(coefficient));
            double j = alpha - i;
            double logT0 = logCoefficient + (i * Math.Log(q)) + (j * Math.Log(1 - q));
            double logT1 = logCoefficient + (j * Math.Log(q)) + (i * Math.Log(1 - q));
            double logE0 = Math.Log(0.5) + LogErfc.Compute((i - z0) / sqrt2Sigma);
            double logE1 = Math.Log(0.5) + LogErfc.Compute((z0 - j) / sqrt2Sigma);
            double logS0 = logT0 + ((((double)i * i) - i) / (2 * sigma * sigma)) + logE0;
            double logS1 = logT1 + (((j * j) - j) / (2 * sigma * sigma)) + logE1;
            if (coefficient > 0)
            {
                logA0 = LogSpace.Add(logA0, logS0);
                logA1 = LogSpace.Add(logA1, logS1);
            }
            else
            {
                logA0 = LogSpace.Subtract(logA0, logS0);
                logA1 = LogSpace.Subtract(logA1, logS1);
            }

            if (Math.Max(logS0, logS1) < -30)
            {
                break;
            }
        }

        return LogSpace.Add(logA0, logA1);
    }

    private static void CheckOrders(IReadOnlyList<double> orders)
    {
        foreach (double order in orders)
        {
            if (!(order > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(orders), order, $"RDP orders must be > 1; got {Text(order)}.");
            }
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
