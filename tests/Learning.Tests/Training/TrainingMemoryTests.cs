using System.Diagnostics;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;
using FedAvg.Common.Training;
using static TorchSharp.torch;

namespace FedAvg.Common.Tests.Training;

[Collection(TorchSerial.Name)]
public sealed class TrainingMemoryTests
{
    [Fact]
    public void Native_memory_and_live_tensors_stay_flat_over_300_batches()
    {
        var data = SyntheticData.Random(80, seed: 6);
        var options = new LocalTrainingOptions { Epochs = 3, BatchSize = 8, Augment = true, Seed = 1 };
        using var model = ModelCatalog.Create("seed-cnn", 1);
        LocalTrainer.Train(model, data, options); // warm-up: allocator pools, optimizer state, JIT
        Evaluator.Evaluate(model, data);
        (long rss, long tensors) before = Measure();

        LocalTrainer.Train(model, data, options with { Epochs = 30 }); // 300 batches
        Evaluator.Evaluate(model, data, batchSize: 8);
        (long rss, long tensors) after = Measure();

        // Leaking per batch costs about 10 MB each, i.e. gigabytes over 300 batches.
        Assert.True(after.tensors - before.tensors < 20, $"live tensors grew from {before.tensors} to {after.tensors}");
        Assert.True(after.rss - before.rss < 100L << 20, $"RSS grew by {(after.rss - before.rss) >> 20} MB");
    }

    private static (long Rss, long Tensors) Measure()
    {
        // Count live tensors before collecting: a leak that only the finalizer would clean up must show.
        long tensors = Tensor.TotalCount;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, tensors);
    }
}
