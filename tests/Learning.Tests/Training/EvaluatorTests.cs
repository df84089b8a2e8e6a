using FedAvg.Common.Data;
using FedAvg.Common.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Tests.Training;

// Linear(...) initialises its weights from torch's global generator, outside ModelCatalog's lock: beside
// ModelCatalogTests' concurrent-creation test that draw changed the model it compares with (a fresh clone failed so).
[Collection(TorchSerial.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void Hand_made_case_gives_hand_computed_accuracy_loss_and_per_class_accuracy()
    {
        // A linear model whose logit k is the normalised red value of pixel k: an image with only pixel k
        // bright is predicted as class k. Four images predicted 0, 1, 1, 2 with labels 0, 1, 2, 2.
        using var model = Sequential(Flatten(), Linear(CifarDataset.ImageBytes, CifarDataset.ClassCount, hasBias: false));
        using (no_grad())
        {
            var weight = zeros(CifarDataset.ClassCount, CifarDataset.ImageBytes);
            for (int k = 0; k < CifarDataset.ClassCount; k++)
            {
                weight[k, k] = tensor(1f);
            }

            model.parameters().Single().copy_(weight);
        }

        int[] brightPixel = [0, 1, 1, 2];
        byte[] labels = [0, 1, 2, 2];
        var pixels = new byte[labels.Length * CifarDataset.ImageBytes];
        for (int i = 0; i < labels.Length; i++)
        {
            pixels[i * CifarDataset.ImageBytes + brightPixel[i]] = 255;
        }

        var result = Evaluator.Evaluate(model, new CifarDataset(labels, pixels), batchSize: 3);

        Assert.Equal(4, result.Samples);
        Assert.Equal(0.75, result.Accuracy, 12);
        Assert.Equal([1.0, 1.0, 0.5, 0, 0, 0, 0, 0, 0, 0], result.PerClassAccuracy);
        Assert.Equal([1L, 1, 2, 0, 0, 0, 0, 0, 0, 0], result.PerClassSamples);
        // Logits: bright 2.0591 for the predicted class, dark −1.9895 for the other nine.
        double bright = (1 - 0.4914f) / 0.2470f, dark = (0 - 0.4914f) / 0.2470f;
        double logSum = Math.Log(Math.Exp(bright) + 9 * Math.Exp(dark));
        double rightLoss = logSum - bright, wrongLoss = logSum - dark;
        Assert.Equal((3 * rightLoss + wrongLoss) / 4, result.MeanLoss, 5);
    }

    [Fact]
    public void Rejects_an_empty_dataset()
    {
        using var model = Sequential(Flatten(), Linear(CifarDataset.ImageBytes, CifarDataset.ClassCount));

        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(model, CifarDataset.Empty));
    }
}
