using FedAvg.Common.Data;

namespace FedAvg.Benchmarks.Simulation;

/// <summary>
/// A small stand-in for the real Dirichlet partitioner (another branch): for each class, client shares are drawn
/// from Dirichlet(alpha) and the class's shuffled samples are cut in those proportions. Smaller alpha, more skew.
/// </summary>
internal static class DirichletSplit
{
    public static int[][] Split(CifarDataset data, int clients, double alpha, int seed)
    {
        var random = new Random(seed);
        var parts = Enumerable.Range(0, clients).Select(_ => new List<int>()).ToArray();
        for (int label = 0; label < CifarDataset.ClassCount; label++)
        {
            int[] members = [.. Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == label)];
            random.Shuffle(members);
            double[] shares = [.. Enumerable.Range(0, clients).Select(_ => Gamma(alpha, random))];
            double total = shares.Sum();
            int start = 0;
            for (int c = 0; c < clients; c++)
            {
                int end = c == clients - 1 ? members.Length : start + (int)Math.Round(members.Length * shares[c] / total);
                end = Math.Min(end, members.Length);
                parts[c].AddRange(members[start..end]);
                start = end;
            }
        }

        // Shuffled so that any prefix of a client's samples (a probe's data fraction) keeps its class mix.
        return [.. parts.Select(p =>
        {
            int[] indices = [.. p];
            random.Shuffle(indices);
            return indices;
        })];
    }

    /// <summary>Marsaglia and Tsang's method; for shape below 1, Gamma(shape + 1) · U^(1/shape).</summary>
    private static double Gamma(double shape, Random random)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1, random) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            double u = random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
