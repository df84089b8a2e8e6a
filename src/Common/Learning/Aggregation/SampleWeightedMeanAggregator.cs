using FedAvg.Common.Models;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// FedAvg's sample-weighted mean (<see cref="FedAvgAggregator"/>) under the aggregator interface. Every tensor,
/// BatchNorm statistics included, is the weighted mean; num_batches_tracked is rounded to the nearest integer.
/// </summary>
public sealed class SampleWeightedMeanAggregator : IUpdateAggregator
{
    public string Name => UpdateAggregators.FedAvg;

    public ModelWeights Aggregate(IReadOnlyList<ClientUpdate> updates) => FedAvgAggregator.Average(updates);
}
