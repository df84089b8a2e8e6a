using System.Diagnostics;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Training;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Training;

[Collection(TorchSerial.Name)]
public sealed class LocalTrainerTests
{
    private static readonly LocalTrainingOptions Options = new()
    {
        Epochs = 2,
        BatchSize = 32,
        LearningRate = 0.05,
        Momentum = 0.9,
        WeightDecay = 5e-4,
        Augment = true,
        Seed = 11,
    };

    [Fact]
    public void Same_seed_gives_bit_identical_weights_and_another_seed_does_not()
    {
        var data = SyntheticData.Random(200, seed: 1);

        var first = TrainedWeights(data, Options);
        var second = TrainedWeights(data, Options);
        var other = TrainedWeights(data, Options with { Seed = 12 });

        WeightsAssert.BitIdentical(first, second);
        Assert.True(WeightsAssert.AnyDifference(first, other));
    }

    [Fact]
    public async Task Concurrent_trainings_give_the_same_weights_as_one_alone()
    {
        // Dropout masks come from each model's own generator, so sharing the process does not change them.
        var data = SyntheticData.Random(200, seed: 2);
        var alone = TrainedWeights(data, Options);

        var concurrent = await Task.WhenAll(
            Task.Run(() => TrainedWeights(data, Options)),
            Task.Run(() => TrainedWeights(data, Options)));

        WeightsAssert.BitIdentical(alone, concurrent[0]);
        WeightsAssert.BitIdentical(alone, concurrent[1]);
    }

    [Fact]
    public void A_trailing_batch_of_one_sample_is_skipped_instead_of_breaking_batchnorm()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        var progress = new RecordingProgress<TrainingProgress>();

        var result = LocalTrainer.Train(model, SyntheticData.Random(65, seed: 3), Options with { BatchSize = 64, Epochs = 3 }, progress);

        Assert.Equal(65, result.Samples);
        Assert.Equal(3, result.Epochs);
        Assert.Equal([1, 2, 3], progress.Reports.Select(r => r.Epoch));
        Assert.Equal([64L, 128L, 192L], progress.Reports.Select(r => r.ImagesProcessed));
        Assert.True(double.IsFinite(result.MeanLoss));
        Assert.True(result.ImagesPerSecond > 0);
    }

    [Fact]
    public void Rejects_datasets_too_small_to_train_on_and_invalid_options()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);

        Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, CifarDataset.Empty, Options));
        Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, SyntheticData.Random(1, seed: 4), Options));
        var error = Assert.ThrowsAny<ArgumentException>(() => LocalTrainer.Train(model, SyntheticData.Random(10, seed: 4), Options with { Epochs = 0 }));
        Assert.Equal(nameof(LocalTrainingOptions.Epochs), error.ParamName);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => LocalTrainer.Train(model, SyntheticData.Random(64, seed: 5), Options, cancellationToken: cancellation.Token));
    }

    [Data.RealDataFact]
    public void A_few_epochs_on_2000_real_images_learn_well_above_chance()
    {
        var train = CifarTestFiles.Load("data_batch_1.bin", 2000);
        var test = CifarTestFiles.Load("test_batch.bin", 1000);
        using var model = ModelCatalog.Create("seed-cnn", 1);

        var result = LocalTrainer.Train(model, train, new LocalTrainingOptions { Epochs = 4, BatchSize = 64, LearningRate = 0.03, Momentum = 0.9, Seed = 1 });
        var evaluation = Evaluator.Evaluate(model, test);

        // Chance is 10%.
        Assert.True(result.TrainingAccuracy > 0.45, $"training accuracy {result.TrainingAccuracy:P1}");
        Assert.True(evaluation.Accuracy > 0.30, $"test accuracy {evaluation.Accuracy:P1}");
    }

    private static ModelWeights TrainedWeights(CifarDataset data, LocalTrainingOptions options)
    {
        using var model = ModelCatalog.Create("seed-cnn", 1);
        LocalTrainer.Train(model, data, options);
        return ModelWeights.FromModule(model, "seed-cnn");
    }
}
