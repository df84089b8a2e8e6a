using BenchmarkDotNet.Attributes;
using FedAvg.Common.Aggregation;
using FedAvg.Common.Models;

namespace FedAvg.Benchmarks;

/// <summary>FedAvg over client updates of seed-cnn size (2.49 MB each); GB/s counts every client's tensors read.</summary>
[Config(typeof(BenchmarkConfig))]
public class AggregationBenchmarks : IBytesPerOperation
{
    private ClientUpdate[] _updates = [];
    private ModelWeights? _destination;

    [Params(5, 100)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelWeights template;
        using (var model = ModelCatalog.Create("seed-cnn", 1))
        {
            template = ModelWeights.FromModule(model, "seed-cnn");
        }

        var random = new Random(1);
        _destination = Perturbed(template, new Random(2));
        _updates = [.. Enumerable.Range(0, Clients).Select(c => new ClientUpdate($"client-{c}", Perturbed(template, random), 1000 + c))];
    }

    [Benchmark]
    public ModelWeights Average() => FedAvgAggregator.Average(_updates);

    /// <summary>Over one destination reused call after call: the arithmetic without a fresh 2.5 MB result.</summary>
    [Benchmark]
    public void AverageIntoDestination() => FedAvgAggregator.Average(_updates, _destination!);

    public long BytesPerOperation(string method) => Clients * SeedCnnBytes;

    // (621,322 parameters + 960 running statistics) x 4 bytes + 4 batch counters x 8 bytes.
    private const long SeedCnnBytes = (621_322 + 960) * 4 + 4 * 8;

    private static ModelWeights Perturbed(ModelWeights template, Random random) => new(template.Architecture, template.Tensors.Select(t =>
        t.FloatData is { } values
            ? WeightTensor.FromFloats(t.Name, t.Shape, t.Kind, [.. values.Select(v => v + (float)(random.NextDouble() - 0.5) * 1e-3f)])
            : WeightTensor.FromIntegers(t.Name, t.Shape, [.. t.IntegerData!])));
}
