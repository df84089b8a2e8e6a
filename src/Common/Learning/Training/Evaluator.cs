using FedAvg.Common.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Training;

/// <summary>
/// Accuracy and loss of a model on labelled data, in evaluation mode (BatchNorm running statistics, no dropout).
/// The model is left in evaluation mode; <see cref="LocalTrainer"/> switches it back to training mode itself.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(Module<Tensor, Tensor> model, CifarDataset data, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate on an empty dataset.", nameof(data));
        }

        model.eval();
        using var noGrad = no_grad();
        var correct = new long[CifarDataset.ClassCount];
        var samples = new long[CifarDataset.ClassCount];
        double lossSum = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            using var scope = NewDisposeScope();
            Tensor images = CifarNormalization.ToTensor(data.Pixels.AsSpan(start * CifarDataset.ImageBytes, count * CifarDataset.ImageBytes));
            byte[] labelBytes = data.Labels[start..(start + count)];
            Tensor labels = tensor(Array.ConvertAll(labelBytes, b => (long)b));
            Tensor logits = model.forward(images);
            lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).item<float>();
            long[] predictions = logits.argmax(1).data<long>().ToArray();
            for (int i = 0; i < count; i++)
            {
                int label = labelBytes[i];
                samples[label]++;
                if (predictions[i] == label)
                {
                    correct[label]++;
                }
            }
        }

        var perClass = new double[CifarDataset.ClassCount];
        for (int c = 0; c < perClass.Length; c++)
        {
            perClass[c] = samples[c] == 0 ? 0 : (double)correct[c] / samples[c];
        }

        return new EvaluationResult(data.Count, (double)correct.Sum() / data.Count, lossSum / data.Count, perClass, samples);
    }
}
