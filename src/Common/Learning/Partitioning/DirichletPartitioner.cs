using System.Globalization;
using FedAvg.Common.Data;

namespace FedAvg.Common.Partitioning;

/// <summary>
/// Non-IID label skew (Hsu et al., 2019): each class is split over the clients in proportions drawn from
/// a symmetric Dirichlet(alpha). Small alpha gives each client few classes; large alpha approaches IID.
/// </summary>
public static class DirichletPartitioner
{
    /// <param name="labels">One label (0..9) a sample; client indices point into it.</param>
    /// <param name="minSamplesPerClient">Draws leaving any client with fewer samples are redrawn.</param>
    /// <param name="maxRedraws">Redraws allowed after the first draw before giving up.</param>
    /// <exception cref="PartitionException">No draw met <paramref name="minSamplesPerClient"/>.</exception>
    public static ClientPartition Partition(
        ReadOnlySpan<byte> labels,
        int clients,
        double alpha,
        int seed,
        int minSamplesPerClient = 10,
        int maxRedraws = 100)
    {
        PartitionArguments.CheckClients(clients, labels.Length, nameof(clients));
        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The Dirichlet concentration must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minSamplesPerClient);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRedraws);
        if ((long)clients * minSamplesPerClient > labels.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minSamplesPerClient),
                minSamplesPerClient,
                $"{clients} clients with at least {minSamplesPerClient} samples each need more than the {labels.Length} samples given.");
        }

        PartitionArguments.CheckLabels(labels, nameof(labels));

        int[][] byClass = IndicesByClass(labels);
        var random = new DeterministicRandom(seed);
        var counts = new int[CifarDataset.ClassCount][];
        var proportions = new double[clients];
        var sizes = new int[clients];
        int bestSmallest = -1;
        for (int attempt = 0; attempt <= maxRedraws; attempt++)
        {
            // Sizes depend only on the proportions, so a draw is checked before any index is moved.
            Array.Clear(sizes);
            for (int c = 0; c < byClass.Length; c++)
            {
                SymmetricDirichlet.Sample(random, alpha, proportions);
                counts[c] = Cut(proportions, byClass[c].Length);
                for (int k = 0; k < clients; k++)
                {
                    sizes[k] += counts[c][k];
                }
            }

            int smallest = sizes.Min();
            if (smallest >= minSamplesPerClient)
            {
                return Assign(labels, byClass, counts, sizes, random);
            }

            bestSmallest = Math.Max(bestSmallest, smallest);
        }

        throw new PartitionException(string.Create(
            CultureInfo.InvariantCulture,
            $"Dirichlet partition of {labels.Length} samples over {clients} clients with alpha {alpha} left some client below {minSamplesPerClient} samples in all {maxRedraws + 1} draws; the best draw's smallest client had {bestSmallest}. Raise alpha, lower the minimum or use fewer clients."));
    }

    private static int[][] IndicesByClass(ReadOnlySpan<byte> labels)
    {
        var perClass = new int[CifarDataset.ClassCount];
        foreach (byte label in labels)
        {
            perClass[label]++;
        }

        var byClass = new int[CifarDataset.ClassCount][];
        for (int c = 0; c < byClass.Length; c++)
        {
            byClass[c] = new int[perClass[c]];
        }

        Array.Clear(perClass);
        for (int i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]][perClass[labels[i]]++] = i;
        }

        return byClass;
    }

    /// <summary>Client k gets the samples between floor(n·cumsum(p)[k-1]) and floor(n·cumsum(p)[k]).</summary>
    private static int[] Cut(ReadOnlySpan<double> proportions, int samples)
    {
        var counts = new int[proportions.Length];
        double cumulative = 0;
        int previous = 0;
        for (int k = 0; k < proportions.Length; k++)
        {
            cumulative += proportions[k];

            // The last client takes the rest, so rounding in the sum can never lose a sample.
            int boundary = k == proportions.Length - 1 ? samples : Math.Min(samples, (int)(cumulative * samples));
            counts[k] = boundary - previous;
            previous = boundary;
        }

        return counts;
    }

    private static ClientPartition Assign(ReadOnlySpan<byte> labels, int[][] byClass, int[][] counts, int[] sizes, DeterministicRandom random)
    {
        var clientIndices = new int[sizes.Length][];
        var filled = new int[sizes.Length];
        for (int k = 0; k < sizes.Length; k++)
        {
            clientIndices[k] = new int[sizes[k]];
        }

        for (int c = 0; c < byClass.Length; c++)
        {
            int[] shuffled = (int[])byClass[c].Clone();
            random.Shuffle(shuffled.AsSpan());
            int start = 0;
            for (int k = 0; k < sizes.Length; k++)
            {
                shuffled.AsSpan(start, counts[c][k]).CopyTo(clientIndices[k].AsSpan(filled[k]));
                filled[k] += counts[c][k];
                start += counts[c][k];
            }
        }

        foreach (int[] indices in clientIndices)
        {
            Array.Sort(indices);
        }

        return ClientPartition.FromIndices(labels, clientIndices);
    }
}
