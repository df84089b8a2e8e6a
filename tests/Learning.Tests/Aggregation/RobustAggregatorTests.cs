using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Aggregation;

/// <summary>Coordinate-wise median, trimmed mean, Krum and Multi-Krum on hand examples.</summary>
public sealed class RobustAggregatorTests
{
    [Fact]
    public void The_median_of_an_odd_round_is_the_middle_value_of_every_coordinate_buffers_included()
    {
        // Columns: {1, 3, 2} → 2, {5, 100, −7} → 5, {−2, 0, 9} → 0; running mean {4, 6, 5} → 5; batches {3, 8, 4} → 4.
        var median = new CoordinateMedianAggregator().Aggregate(
        [
            Update("a", [1, 5, -2], mean: 4, batches: 3, samples: 1),
            Update("b", [3, 100, 0], mean: 6, batches: 8, samples: 1000),
            Update("c", [2, -7, 9], mean: 5, batches: 4, samples: 1),
        ]);

        Assert.Equal([2f, 5f, 0f], median.Find("p")!.FloatData!);
        Assert.Equal([5f], median.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([4L], median.Find("bn.num_batches_tracked")!.IntegerData!);
    }

    [Fact]
    public void The_median_of_an_even_round_is_the_midpoint_of_the_two_middle_values()
    {
        // Sorted columns {1, 2, 3, 10} → 2.5, {−7, 5, 6, 100} → 5.5, {−2, 0, 1, 9} → 0.5;
        // batches {3, 4, 5, 8} → (4 + 5)/2 = 4.5, rounded half away from zero → 5.
        var median = new CoordinateMedianAggregator().Aggregate(
        [
            Update("a", [1, 5, -2], batches: 3),
            Update("b", [3, 100, 0], batches: 8),
            Update("c", [2, -7, 9], batches: 4),
            Update("d", [10, 6, 1], batches: 5),
        ]);

        Assert.Equal([2.5f, 5.5f, 0.5f], median.Find("p")!.FloatData!);
        Assert.Equal([5L], median.Find("bn.num_batches_tracked")!.IntegerData!);
    }

    [Fact]
    public void The_trimmed_mean_drops_floor_beta_n_values_at_each_end()
    {
        // β = 0.2 of 5 clients trims 1 at each end: {1, 2, 3, 4, 100} → (2 + 3 + 4)/3 = 3, {−50, 0, 1, 2, 3} → (0 + 1 + 2)/3 = 1;
        // batches {1, 2, 2, 3, 9} → (2 + 2 + 3)/3 = 2.33 → 2.
        var updates = new[]
        {
            Update("a", [100, 0], batches: 1),
            Update("b", [2, -50], batches: 9),
            Update("c", [4, 3], batches: 2),
            Update("d", [1, 1], batches: 3),
            Update("e", [3, 2], batches: 2),
        };

        var trimmed = new TrimmedMeanAggregator(0.2).Aggregate(updates);

        Assert.Equal([3f, 1f], trimmed.Find("p")!.FloatData!);
        Assert.Equal([2L], trimmed.Find("bn.num_batches_tracked")!.IntegerData!);

        // β = 0.1 of 5 trims ⌊0.5⌋ = 0: the plain unweighted mean (100 + 2 + 4 + 1 + 3)/5 = 22.
        Assert.Equal(22f, new TrimmedMeanAggregator(0.1).Aggregate(updates).Find("p")!.FloatData![0]);
    }

    [Fact]
    public void Krum_picks_the_update_with_the_smallest_sum_of_squared_distances_to_its_nearest_neighbours()
    {
        // n = 5, f = 1: each score sums the n − f − 2 = 2 smallest squared distances to the others.
        // Points 0, 1, 3, 4, 100: score(0) = 1 + 9 = 10, score(1) = 1 + 4 = 5, score(3) = 4 + 1 = 5, score(4) = 1 + 9 = 10,
        // score(100) = 96² + 97² = 18625. Points 1 (client b) and 3 (client c) tie at 5; the earlier, b, wins.
        var updates = Points(0, 1, 3, 4, 100);

        Assert.Equal([10, 5, 5, 10, 18625], KrumAggregator.Scores(updates, neighbours: 2));
        var krum = new KrumAggregator(byzantineClients: 1).Aggregate(updates);

        WeightsAssert.BitIdentical(updates[1].Weights, krum);
    }

    [Fact]
    public void Multi_krum_averages_the_m_best_scored_updates_without_sample_weights()
    {
        // Points a = 0, b = 1, c = 3, d = 4, e = 100 score 10, 5, 5, 10, 18625 (see above); best first, ties to the earlier:
        // b, c, a, d, e. m = 3: (1 + 3 + 0)/3; the default m = n − f = 4: (1 + 3 + 0 + 4)/4 = 2.
        var updates = Points(0, 1, 3, 4, 100);

        var three = new KrumAggregator(byzantineClients: 1, selected: 3);
        Assert.Equal(["b", "c", "a"], three.Select(updates).Select(u => u.ClientId));
        Assert.Equal(4f / 3, three.Aggregate(updates).Find("p")!.FloatData![0], 1e-6f);
        Assert.Equal(2f, new KrumAggregator(byzantineClients: 1, selected: null).Aggregate(updates).Find("p")!.FloatData![0]);

        // The activity scores once and combines what it reported as chosen: the same model as Aggregate's.
        Assert.Equal(three.Aggregate(updates).Find("p")!.FloatData, KrumAggregator.Combine(three.Select(updates)).Find("p")!.FloatData);
    }

    [Fact]
    public void Krum_vets_batchnorm_statistics_too()
    {
        // Identical parameters, but client e's running mean is 50 where the others' are 1: its score is 2·49² and
        // everyone else's 0, so Multi-Krum's n − f = 4 leave it out, and Krum takes a's statistics and batch count.
        ClientUpdate[] updates = [.. new[] { 1f, 1, 1, 1, 50 }.Select((mean, i) => Update($"{(char)('a' + i)}", [0, 0, 0], mean, batches: 10 + i))];

        var multi = new KrumAggregator(1, selected: null).Aggregate(updates);
        var krum = new KrumAggregator(1).Aggregate(updates);

        Assert.Equal([1f], multi.Find("bn.running_mean")!.FloatData!);
        Assert.Equal([12L], multi.Find("bn.num_batches_tracked")!.IntegerData!); // (10 + 11 + 12 + 13)/4 = 11.5 → 12
        Assert.Equal([10L], krum.Find("bn.num_batches_tracked")!.IntegerData!);
    }

    [Fact]
    public void Krum_refuses_a_round_of_at_most_2f_plus_2_updates_and_multi_krum_more_than_n_minus_f()
    {
        var error = Assert.Throws<AggregationException>(() => new KrumAggregator(1).Aggregate(Points(0, 1, 2, 3)));
        Assert.Null(error.ClientId);
        Assert.Equal("Krum with f = 1 assumed Byzantine clients needs more than 2f + 2 = 4 updates; this round has 4.", error.Message);

        var tooMany = Assert.Throws<AggregationException>(() => new KrumAggregator(1, selected: 5).Aggregate(Points(0, 1, 2, 3, 4)));
        Assert.Contains("n − f = 5 − 1 = 4", tooMany.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RobustNames))]
    public void Non_finite_values_are_rejected_naming_client_tensor_and_index(string name)
    {
        var updates = Points(0, 1, 2, 3, 4);
        updates[3].Weights.Tensors[1].FloatData![0] = float.PositiveInfinity;

        var error = Assert.Throws<AggregationException>(() => Create(name).Aggregate(updates));

        Assert.Equal("d", error.ClientId);
        Assert.Equal("Client 'd' sent Infinity in tensor 'bn.running_mean' at index 0; its training diverged.", error.Message);
    }

    [Theory]
    [MemberData(nameof(RobustNames))]
    public void A_shape_mismatch_is_rejected_naming_the_client(string name)
    {
        var updates = Points(0, 1, 2, 3, 4);
        updates[2] = Update("c", [1, 2], batches: 1);

        var error = Assert.Throws<AggregationException>(() => Create(name).Aggregate(updates));

        Assert.Equal("c", error.ClientId);
        Assert.Contains("'p'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_name_creates_its_aggregator_and_fedavg_is_the_sample_weighted_mean()
    {
        foreach (string name in UpdateAggregators.Names)
        {
            Assert.Equal(name, Create(name).Name);
        }

        var updates = Points(0, 1, 3, 4, 100);
        WeightsAssert.BitIdentical(FedAvgAggregator.Average(updates), Create(UpdateAggregators.FedAvg).Aggregate(updates));
    }

    [Theory]
    [InlineData(nameof(AggregatorOptions.Aggregator))]
    [InlineData(nameof(AggregatorOptions.TrimFraction))]
    [InlineData(nameof(AggregatorOptions.ByzantineClients))]
    [InlineData(nameof(AggregatorOptions.MultiKrumSelected))]
    public void An_invalid_field_is_named(string field)
    {
        var options = field switch
        {
            nameof(AggregatorOptions.Aggregator) => new AggregatorOptions { Aggregator = "mean" },
            nameof(AggregatorOptions.TrimFraction) => new AggregatorOptions { TrimFraction = 0.5 },
            nameof(AggregatorOptions.ByzantineClients) => new AggregatorOptions { ByzantineClients = -1 },
            _ => new AggregatorOptions { MultiKrumSelected = 0 },
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => UpdateAggregators.Create(options));

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> RobustNames() => [UpdateAggregators.Median, UpdateAggregators.TrimmedMean, UpdateAggregators.Krum, UpdateAggregators.MultiKrum];

    private static IUpdateAggregator Create(string name) =>
        UpdateAggregators.Create(new AggregatorOptions { Aggregator = name, TrimFraction = 0.2, ByzantineClients = 1 });

    /// <summary>One update per point, named a, b, c, ...: a one-value parameter, equal statistics, 7 batches.</summary>
    private static ClientUpdate[] Points(params float[] points) =>
        [.. points.Select((x, i) => Update($"{(char)('a' + i)}", [x], batches: 7, samples: 10 * (i + 1)))];

    private static ClientUpdate Update(string client, float[] p, float mean = 0, long batches = 0, long samples = 1) =>
        new(client, new ModelWeights("m",
        [
            WeightTensor.FromFloats("p", [p.Length], WeightKind.Parameter, p),
            WeightTensor.FromFloats("bn.running_mean", [1], WeightKind.FloatBuffer, [mean]),
            WeightTensor.FromIntegers("bn.num_batches_tracked", [], [batches]),
        ]), samples);
}
