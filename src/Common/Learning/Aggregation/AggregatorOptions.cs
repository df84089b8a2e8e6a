using static FedAvg.Common.Training.OptionRule;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// Which aggregator combines a round's updates, and its parameters. The defaults are FedAvg's sample-weighted mean;
/// each parameter is read only by the aggregator it belongs to.
/// </summary>
public sealed record AggregatorOptions
{
    /// <summary>One of <see cref="UpdateAggregators.Names"/>.</summary>
    public string Aggregator { get; init; } = UpdateAggregators.FedAvg;

    /// <summary>trimmed-mean's β: the fraction of the round's updates dropped at each end of every coordinate.</summary>
    public double TrimFraction { get; init; } = 0.1;

    /// <summary>krum's and multi-krum's f: Byzantine clients assumed per round. A round then needs more than 2f + 2 updates.</summary>
    public int ByzantineClients { get; init; }

    /// <summary>multi-krum's m: updates averaged; null for n − f (every update assumed honest).</summary>
    public int? MultiKrumSelected { get; init; }

    /// <exception cref="ArgumentException">A field is out of range; the exception's ParamName names it.</exception>
    public void Validate()
    {
        Require(UpdateAggregators.Names.Contains(Aggregator), Aggregator, nameof(Aggregator), $"must be one of {string.Join(", ", UpdateAggregators.Names)}");
        Require(TrimFraction is >= 0 and < 0.5, TrimFraction, nameof(TrimFraction), "must be in [0, 0.5) (half or more at each end would leave nothing)");
        Require(ByzantineClients is >= 0 and <= 1000, ByzantineClients, nameof(ByzantineClients), "must be between 0 and 1000");
        Require(MultiKrumSelected is null or (>= 1 and <= 10000), MultiKrumSelected ?? 0, nameof(MultiKrumSelected), "must be between 1 and 10000, or absent for n − f");
    }
}
