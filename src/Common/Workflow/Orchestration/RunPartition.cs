using FedAvg.Common.Partitioning;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// How a run splits its training images among its clients. PrepareRun splits with it, and the hosts
/// draw the same split from the labels alone before scheduling, so a request whose split cannot be
/// drawn is refused up front rather than failing in storage.
/// </summary>
public static class RunPartition
{
    /// <summary>Fewest images a client may get under a Dirichlet split, unless there are fewer than that per client.</summary>
    public const int MinSamplesPerClient = 10;

    /// <summary>Splits the first <see cref="TrainingRequest.TrainLimit"/> of <paramref name="trainingLabels"/> (all of them when unset).</summary>
    /// <exception cref="PartitionException">No Dirichlet draw gives every client its minimum.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More clients than images.</exception>
    public static ClientPartition Split(TrainingRequest request, ReadOnlySpan<byte> trainingLabels)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = request.TrainLimit is int limit && limit < trainingLabels.Length ? trainingLabels[..limit] : trainingLabels;
        return request.Partition == "iid"
            ? IidPartitioner.Partition(labels, request.Clients, request.Seed)
            : DirichletPartitioner.Partition(labels, request.Clients, request.Alpha, request.Seed,
                minSamplesPerClient: Math.Min(MinSamplesPerClient, labels.Length / Math.Max(request.Clients, 1)));
    }

    /// <summary>
    /// Whether <see cref="Split"/> succeeds for <paramref name="request"/>; a problem names the fields
    /// that can fix it (clients, alpha, trainLimit).
    /// </summary>
    public static RequestErrors Check(TrainingRequest request, ReadOnlySpan<byte> trainingLabels, RequestErrors? errors = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        errors ??= new RequestErrors();
        try
        {
            Split(request, trainingLabels);
        }
        catch (PartitionException e)
        {
            errors.Add([TrainingRequestFields.Clients.Name, TrainingRequestFields.Alpha.Name, TrainingRequestFields.TrainLimit.Name], e.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            int images = request.TrainLimit is int limit ? Math.Min(limit, trainingLabels.Length) : trainingLabels.Length;
            errors.Add([TrainingRequestFields.Clients.Name, TrainingRequestFields.TrainLimit.Name], $"more clients ({request.Clients}) than training images ({images})");
        }

        return errors;
    }
}
