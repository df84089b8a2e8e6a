using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Combines one round's client updates (their locally trained weights) into the aggregate that the server optimiser
/// then steps toward. <see cref="UpdateAggregators.Create"/> picks one by name.
/// </summary>
public interface IUpdateAggregator
{
    /// <summary>The name it is chosen by: one of <see cref="UpdateAggregators.Names"/>.</summary>
    string Name { get; }

    /// <exception cref="AggregationException">
    /// An update is malformed or non-finite (its client is named, so the caller can leave it out and try again), or the
    /// round has too few updates for the aggregator's parameters (no client named).
    /// </exception>
    ModelWeights Aggregate(IReadOnlyList<ClientUpdate> updates);
}
