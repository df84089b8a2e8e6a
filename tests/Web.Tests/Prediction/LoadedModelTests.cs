using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using PredictionResult = FedAvg.Common.Prediction.Prediction;

namespace FedAvg.Common.Tests.Prediction;

public sealed class LoadedModelTests
{
    private static readonly ModelIdentity Identity = new("run-1", 3, "seed-cnn");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Concurrent_requests_get_exactly_the_sequential_answers_and_never_more_replicas_than_lanes(int lanes)
    {
        ModelWeights weights = TrainedLookingWeights();
        byte[][] images = [.. Enumerable.Range(0, 24).Select(Image)];
        using var oneThread = new InferenceThreads(1);
        using var sequential = new LoadedModel(Identity, "blob", weights, oneThread);
        var expected = new List<IReadOnlyDictionary<string, double>>();
        foreach (byte[] image in images)
        {
            expected.Add((await sequential.PredictAsync(image)).Probabilities);
        }

        using var threads = new InferenceThreads(lanes);
        using var model = new LoadedModel(Identity, "blob", weights, threads);
        var answers = new PredictionResult[images.Length * 4];
        await Parallel.ForAsync(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            answers[i] = await model.PredictAsync(images[i % images.Length]));

        for (int i = 0; i < answers.Length; i++)
        {
            Assert.Equal(expected[i % images.Length], answers[i].Probabilities);
        }

        Assert.InRange(model.Replicas, 1, lanes);
    }

    [Fact]
    public void Inference_runs_torch_on_one_thread_and_leaves_the_default_of_other_threads_alone()
    {
        int before = OnFreshThread(TorchSharp.torch.get_num_threads);

        using var threads = new InferenceThreads(2);

        Assert.Equal(1, threads.ObservedTorchThreads);
        Assert.Equal(before, OnFreshThread(TorchSharp.torch.get_num_threads));
    }

    [Fact]
    public void Zero_lanes_is_refused_when_the_service_is_built()
    {
        var storage = FedAvgStorage.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionService(storage, lanes: 0));
    }

    private static int OnFreshThread(Func<int> read)
    {
        int value = 0;
        var thread = new Thread(() => value = read());
        thread.Start();
        thread.Join();
        return value;
    }

    private static ModelWeights TrainedLookingWeights()
    {
        using var module = ModelCatalog.Create("seed-cnn", seed: 7);
        return ModelWeights.FromModule(module, "seed-cnn");
    }

    private static byte[] Image(int seed)
    {
        var pixels = new byte[CifarDataset.ImageBytes];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }
}
