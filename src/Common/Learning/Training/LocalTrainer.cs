using System.Diagnostics;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Training;

/// <summary>
/// One client's local training: mini-batch SGD with momentum and weight decay over its own data, optionally with
/// FedProx's proximal term (<see cref="LocalTrainingOptions.ProximalMu"/>) or SCAFFOLD's drift correction
/// (<see cref="LocalTrainingOptions.Scaffold"/>), and with either, the logit-adjusted loss
/// (<see cref="LocalTrainingOptions.LogitAdjustment"/>).
/// </summary>
public static class LocalTrainer
{
    // Purposes under the training seed, so shuffling, augmentation and dropout draw independent streams.
    private const long ShuffleStream = 1;
    private const long AugmentationStream = 2;
    private const long DropoutStream = 3;

    /// <summary>
    /// Trains <paramref name="model"/> in place. Results are bit-identical for the same initial weights, data,
    /// options and torch thread count, even while other trainings run concurrently in the process.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or fewer than 2 samples.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every batch).</exception>
    public static LocalTrainingResult Train(
        Module<Tensor, Tensor> model,
        CifarDataset data,
        LocalTrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (data.Count < 2)
        {
            throw new ArgumentException($"Local training needs at least 2 samples (BatchNorm cannot train on one); the dataset has {data.Count}.", nameof(data));
        }

        var stopwatch = Stopwatch.StartNew();
        model.train();
        ReseedDropout(model, SeedMixer.Derive(options.Seed, DropoutStream));
        var shuffle = new Random(SeedMixer.ToRandomSeed(SeedMixer.Derive(options.Seed, ShuffleStream)));
        var batches = new BatchSource(data, options.Augment
            ? new Random(SeedMixer.ToRandomSeed(SeedMixer.Derive(options.Seed, AugmentationStream)))
            : null);
        using var optimizer = optim.SGD(model.parameters(), options.LearningRate, options.Momentum, weight_decay: options.WeightDecay);
        using var proximal = options.ProximalMu > 0 ? new ProximalTerm(model, options.ProximalMu) : null;
        using var scaffold = options.Scaffold is { } controls ? new ScaffoldCorrection(model, controls, options.LearningRate) : null;
        using var adjustment = options.LogitAdjustment > 0 ? new LogitAdjustment(data, options.LogitAdjustment) : null;
        ModelWeights? global = options.Scaffold is null ? null : ModelWeights.FromModule(model, options.Scaffold.Client.Architecture);
        long steps = 0;

        int[] order = [.. Enumerable.Range(0, data.Count)];
        long images = 0;
        EpochTotals last = default;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            last = default;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, order.Length - start);
                if (count == 1)
                {
                    // A trailing batch of one sample would make BatchNorm1d fail in training mode. The shuffle puts a
                    // different sample there each epoch, so no sample is left out of training for good.
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                last += TrainBatch(model, optimizer, new(proximal, scaffold, adjustment), batches, order.AsSpan(start, count));
                steps++;
            }

            images += last.Samples;
            progress?.Report(new TrainingProgress(epoch, options.Epochs, last.MeanLoss, last.Accuracy, images, stopwatch.Elapsed));
        }

        // At least 2 samples in batches of at least 2 make at least one step, so K·η is never 0.
        ModelWeights? clientControl = options.Scaffold is { } used
            ? ScaffoldCorrection.NewClientControl(used, global!, ModelWeights.FromModule(model, used.Client.Architecture), steps, options.LearningRate)
            : null;
        stopwatch.Stop();
        return new LocalTrainingResult(
            data.Count,
            options.Epochs,
            last.MeanLoss,
            last.Accuracy,
            stopwatch.Elapsed,
            images / stopwatch.Elapsed.TotalSeconds,
            clientControl);
    }

    private static EpochTotals TrainBatch(Module<Tensor, Tensor> model, optim.Optimizer optimizer, Extensions extensions, BatchSource batches, ReadOnlySpan<int> indices)
    {
        // Every tensor created for this batch, including autograd's intermediates, is freed when the scope ends;
        // without it TorchSharp leaves them to the finalizer and native memory grows by megabytes per batch.
        using DisposeScope scope = NewDisposeScope();
        var (images, labels) = batches.Create(indices);
        optimizer.zero_grad();
        Tensor logits = model.forward(images);
        Tensor loss = functional.cross_entropy(extensions.Adjustment?.Apply(logits) ?? logits, labels);
        loss.backward();
        extensions.Proximal?.AddGradient();
        optimizer.step();
        extensions.Scaffold?.CorrectWeights();
        long correct = logits.argmax(1).eq(labels).sum().item<long>();
        return new EpochTotals(indices.Length, loss.item<float>() * (double)indices.Length, correct);
    }

    private static void ReseedDropout(Module model, long seed)
    {
        int index = 0;
        foreach (Module module in model.modules())
        {
            if (module is SeededDropout dropout)
            {
                dropout.Reseed(SeedMixer.Derive(seed, index++));
            }
        }
    }

    /// <summary>What a client algorithm adds to plain SGD's step; each null when the run does not use it.</summary>
    private readonly record struct Extensions(ProximalTerm? Proximal, ScaffoldCorrection? Scaffold, LogitAdjustment? Adjustment);

    private readonly record struct EpochTotals(long Samples, double LossSum, long Correct)
    {
        public double MeanLoss => Samples == 0 ? double.NaN : LossSum / Samples;

        public double Accuracy => Samples == 0 ? double.NaN : (double)Correct / Samples;

        public static EpochTotals operator +(EpochTotals a, EpochTotals b) =>
            new(a.Samples + b.Samples, a.LossSum + b.LossSum, a.Correct + b.Correct);
    }
}
