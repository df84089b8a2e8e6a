using BenchmarkDotNet.Attributes;
using FedAvg.Common.Models;

namespace FedAvg.Benchmarks;

/// <summary>Writing and reading (with SHA-256 verification) a seed-cnn state in memory.</summary>
[Config(typeof(BenchmarkConfig))]
public class ModelStateFormatBenchmarks : IBytesPerOperation
{
    private ModelWeights? _weights;
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        _weights = ModelWeights.FromModule(model, "seed-cnn");
        using var stream = new MemoryStream();
        ModelStateFormat.Write(stream, _weights);
        _bytes = stream.ToArray();
    }

    [Benchmark]
    public long Write()
    {
        using var stream = new MemoryStream(_bytes.Length);
        ModelStateFormat.Write(stream, _weights!);
        return stream.Length;
    }

    [Benchmark]
    public ModelWeights Read() => ModelStateFormat.Read(new MemoryStream(_bytes, writable: false), "benchmark");

    public long BytesPerOperation(string method) => 2_489_160;
}
