namespace FedAvg.Common.Aggregation;

/// <summary>The aggregators by the name a training request gives them.</summary>
public static class UpdateAggregators
{
    public const string FedAvg = "fedavg";

    public const string Median = "median";

    public const string TrimmedMean = "trimmed-mean";

    public const string Krum = "krum";

    public const string MultiKrum = "multi-krum";

    public static IReadOnlyList<string> Names { get; } = [FedAvg, Median, TrimmedMean, Krum, MultiKrum];

    /// <exception cref="ArgumentException">Invalid options; the exception's ParamName names the field.</exception>
    public static IUpdateAggregator Create(AggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Aggregator switch
        {
            Median => new CoordinateMedianAggregator(),
            TrimmedMean => new TrimmedMeanAggregator(options.TrimFraction),
            Krum => new KrumAggregator(options.ByzantineClients),
            MultiKrum => new KrumAggregator(options.ByzantineClients, options.MultiKrumSelected),
            _ => new SampleWeightedMeanAggregator(),
        };
    }
}
