using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Krum and Multi-Krum (Blanchard et al. 2017). Each update's score is the sum of its squared distances to its
/// n − f − 2 nearest other updates; Krum returns the update with the lowest score, Multi-Krum the unweighted mean of
/// the m lowest (scored once, as in the paper). Needs n &gt; 2f + 2 updates. Ties go to the earlier update in the
/// caller's order, so the choice is deterministic.
/// </summary>
/// <remarks>
/// Distances run over every float tensor, BatchNorm running statistics included: the chosen update's statistics
/// become the global model's, so they must be vetted like its parameters. num_batches_tracked takes no part in the
/// distance; Krum copies the chosen update's, Multi-Krum rounds the mean of the chosen ones. Sample counts are
/// ignored, as a Byzantine client could report any.
/// </remarks>
public sealed class KrumAggregator : IUpdateAggregator
{
    /// <param name="byzantineClients">f ≥ 0, the number of Byzantine clients assumed among a round's updates.</param>
    /// <param name="selected">m ≥ 1: 1 is Krum; more is Multi-Krum; null is Multi-Krum with m = n − f.</param>
    public KrumAggregator(int byzantineClients, int? selected = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byzantineClients);
        if (selected is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(selected), selected, "Krum selects at least one update.");
        }

        ByzantineClients = byzantineClients;
        Selected = selected;
    }

    public int ByzantineClients { get; }

    public int? Selected { get; }

    public string Name => Selected == 1 ? UpdateAggregators.Krum : UpdateAggregators.MultiKrum;

    public ModelWeights Aggregate(IReadOnlyList<ClientUpdate> updates) => Combine(Select(updates));

    /// <summary>
    /// The aggregate of what <see cref="Select"/> chose, for a caller that also reports the choice: scoring is
    /// quadratic in the updates, so it is done once.
    /// </summary>
    public static ModelWeights Combine(IReadOnlyList<ClientUpdate> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);

        // One update: its weights bit for bit. More: their unweighted mean, with FedAvg's summation and checks.
        return FedAvgAggregator.Average([.. chosen.Select(u => u with { Samples = 1 })]);
    }

    /// <summary>The updates Krum keeps, best score first.</summary>
    /// <exception cref="AggregationException">As <see cref="Aggregate"/>.</exception>
    public IReadOnlyList<ClientUpdate> Select(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        UpdateChecks.ValidateFinite(updates);
        int n = updates.Count;
        int f = ByzantineClients;
        if (n <= (2 * f) + 2)
        {
            throw new AggregationException($"Krum with f = {f} assumed Byzantine clients needs more than 2f + 2 = {(2 * f) + 2} updates; this round has {n}.", clientId: null);
        }

        int m = Selected ?? n - f;
        if (m > n - f)
        {
            throw new AggregationException($"Multi-Krum cannot select {m} updates when only n − f = {n} − {f} = {n - f} are assumed honest.", clientId: null);
        }

        double[] scores = Scores(updates, neighbours: n - f - 2);
        return [.. Enumerable.Range(0, n).OrderBy(i => scores[i]).ThenBy(i => i).Take(m).Select(i => updates[i])];
    }

    /// <summary>Each update's Krum score: the sum of its <paramref name="neighbours"/> smallest squared distances to the others.</summary>
    internal static double[] Scores(IReadOnlyList<ClientUpdate> updates, int neighbours)
    {
        int n = updates.Count;
        var distances = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double sum = 0;
                for (int t = 0; t < updates[i].Weights.Tensors.Count; t++)
                {
                    if (updates[i].Weights.Tensors[t].FloatData is { } a)
                    {
                        sum += SquaredDistance.Compute(a, updates[j].Weights.Tensors[t].FloatData);
                    }
                }

                distances[i, j] = sum;
                distances[j, i] = sum;
            }
        }

        var scores = new double[n];
        var row = new double[n - 1];
        for (int i = 0; i < n; i++)
        {
            int k = 0;
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    row[k++] = distances[i, j];
                }
            }

            Array.Sort(row);
            double score = 0;
            for (k = 0; k < neighbours; k++)
            {
                score += row[k];
            }

            scores[i] = score;
        }

        return scores;
    }
}
