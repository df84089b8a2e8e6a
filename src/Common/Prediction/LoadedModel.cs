using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FedAvg.Common.Prediction;

/// <summary>A global model in evaluation mode, ready to classify single images.</summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly Lock _gate = new();

    public LoadedModel(ModelIdentity identity, string blob, ModelWeights weights)
    {
        Identity = identity;
        Blob = blob;
        _module = ModelCatalog.Create(weights.Architecture, seed: 0);
        weights.CopyTo(_module);
        _module.eval();
    }

    public ModelIdentity Identity { get; }

    public string Blob { get; }

    public Prediction Predict(byte[] pixels)
    {
        float[] probabilities;
        // One forward pass at a time: a module's buffers are not safe to share across threads.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = CifarNormalization.ToTensor(pixels);
            probabilities = nn.functional.softmax(_module.forward(input), 1).data<float>().ToArray();
        }

        int best = Array.IndexOf(probabilities, probabilities.Max());
        var names = CifarClasses.Names;
        var byLabel = new Dictionary<string, double>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            byLabel[names[i]] = Math.Round(probabilities[i], 6);
        }

        return new Prediction(names[best], best, byLabel, Identity);
    }

    public void Dispose() => _module.Dispose();
}
