using FedAvg.Common.Statistics;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// How a round's global model does on its clients' own held-out data (per-client evaluation): the spread of the
/// per-client accuracies, each client counting once whatever its size, and who fares worst. A fixed handful of numbers
/// however many clients a round has, so it can sit in every round's status.
/// </summary>
/// <param name="Count">Clients evaluated: those that trained in the round and hold out at least one sample.</param>
/// <param name="Samples">Their held-out samples together.</param>
/// <param name="P10">The 10th percentile (<see cref="Percentile"/>: linear between ranks), and so <paramref name="P50"/>, <paramref name="P90"/>.</param>
/// <param name="WorstClient">The client of <paramref name="Min"/>; the lowest id among equals.</param>
public sealed record ClientAccuracyDistribution(
    int Count, long Samples, double Mean, double Min, double P10, double P50, double P90, int WorstClient)
{
    /// <summary>The distribution of <paramref name="clients"/>' accuracies; null when there are none (nothing to describe).</summary>
    public static ClientAccuracyDistribution? Of(IReadOnlyList<ClientAccuracy> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (clients.Count == 0)
        {
            return null;
        }

        double[] accuracies = [.. clients.Select(c => c.Accuracy)];
        var worst = clients.OrderBy(c => c.Accuracy).ThenBy(c => c.Client).First();
        return new ClientAccuracyDistribution(
            clients.Count,
            clients.Sum(c => (long)c.Samples),
            accuracies.Average(),
            accuracies.Min(),
            Percentile.Compute(accuracies, 0.1),
            Percentile.Compute(accuracies, 0.5),
            Percentile.Compute(accuracies, 0.9),
            worst.Client);
    }
}
