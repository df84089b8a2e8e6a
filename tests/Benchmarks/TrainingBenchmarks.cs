using BenchmarkDotNet.Attributes;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FedAvg.Benchmarks;

/// <summary>Local training and evaluation speed per model on 2 torch threads, batch 64; Op/s is images/s.</summary>
[Config(typeof(BenchmarkConfig))]
public class TrainingBenchmarks
{
    private const int TrainImages = 640;
    private const int EvalImages = 2000;

    private CifarDataset _train = CifarDataset.Empty;
    private CifarDataset _eval = CifarDataset.Empty;
    private nn.Module<Tensor, Tensor>? _model;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "seed-cnn";

    public static IEnumerable<string> Models => ModelCatalog.Names;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        _train = FedAvg.Common.Tests.TestData.SyntheticData.Random(TrainImages, 1);
        _eval = FedAvg.Common.Tests.TestData.SyntheticData.Random(EvalImages, 2);
        _model = ModelCatalog.Create(Model, 1);
    }

    [Benchmark(OperationsPerInvoke = TrainImages)]
    public LocalTrainingResult Train() =>
        LocalTrainer.Train(_model!, _train, new LocalTrainingOptions { Epochs = 1, BatchSize = 64, LearningRate = 0.01, Augment = true, Seed = 1 });

    [Benchmark(OperationsPerInvoke = EvalImages)]
    public EvaluationResult Evaluate() => Evaluator.Evaluate(_model!, _eval, batchSize: 500);

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
