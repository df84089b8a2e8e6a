namespace FedAvg.Common.Partitioning;

/// <summary>Draws proportions from a symmetric Dirichlet(alpha, ..., alpha).</summary>
internal static class SymmetricDirichlet
{
    /// <summary>Fills <paramref name="proportions"/> with non-negative values summing to 1.</summary>
    public static void Sample(DeterministicRandom random, double alpha, Span<double> proportions)
    {
        if (alpha >= 1)
        {
            double sum = 0;
            for (int i = 0; i < proportions.Length; i++)
            {
                proportions[i] = random.GammaAtLeastOne(alpha);
                sum += proportions[i];
            }

            Scale(proportions, 1 / sum);
            return;
        }

        // For small alpha, Gamma(alpha) = Gamma(alpha + 1) * U^(1/alpha) underflows to 0 for most
        // clients (alpha = 0.01 gives U^100), so work with logarithms and normalise from the largest.
        double max = double.NegativeInfinity;
        for (int i = 0; i < proportions.Length; i++)
        {
            proportions[i] = Math.Log(random.GammaAtLeastOne(alpha + 1)) + (Math.Log(random.OpenUnit()) / alpha);
            max = Math.Max(max, proportions[i]);
        }

        double total = 0;
        for (int i = 0; i < proportions.Length; i++)
        {
            proportions[i] = Math.Exp(proportions[i] - max);
            total += proportions[i];
        }

        Scale(proportions, 1 / total);
    }

    private static void Scale(Span<double> values, double factor)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
