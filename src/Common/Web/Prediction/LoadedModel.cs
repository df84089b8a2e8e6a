using System.Collections.Concurrent;
using FedAvg.Common.Data;
using FedAvg.Common.Models;
using FedAvg.Common.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FedAvg.Common.Prediction;

/// <summary>
/// A global model in evaluation mode, ready to classify single images. Forward passes run on the
/// <see cref="InferenceThreads"/>, each with its own replica of the module (so at most one replica per thread), so
/// concurrent requests run side by side instead of queueing behind one forward pass; a replica costs one copy of
/// the weights (2.5 MB for seed-cnn).
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly ModelWeights _weights;
    private readonly InferenceThreads _threads;
    private readonly ConcurrentBag<nn.Module<Tensor, Tensor>> _idle = [];
    private readonly ConcurrentQueue<nn.Module<Tensor, Tensor>> _all = new();

    public LoadedModel(ModelIdentity identity, string blob, ModelWeights weights, InferenceThreads threads)
    {
        ArgumentNullException.ThrowIfNull(threads);
        Identity = identity;
        Blob = blob;
        _weights = weights;
        _threads = threads;
        // Built now so a corrupt or mismatched state fails the load, not the first request.
        _idle.Add(CreateReplica());
    }

    public ModelIdentity Identity { get; }

    public string Blob { get; }

    /// <summary>Replicas built so far; never more than the inference threads.</summary>
    internal int Replicas => _all.Count;

    public async Task<Prediction> PredictAsync(byte[] pixels)
    {
        float[] probabilities = await _threads.RunAsync(() => Forward(pixels)).ConfigureAwait(false);
        int best = Array.IndexOf(probabilities, probabilities.Max());
        var names = CifarClasses.Names;
        var byLabel = new Dictionary<string, double>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            byLabel[names[i]] = Math.Round(probabilities[i], 6);
        }

        return new Prediction(names[best], best, byLabel, Identity);
    }

    public void Dispose()
    {
        while (_all.TryDequeue(out var module))
        {
            module.Dispose();
        }
    }

    private float[] Forward(byte[] pixels)
    {
        // A module's buffers are not shared across threads: each inference thread holds a replica exclusively.
        var module = _idle.TryTake(out var idle) ? idle : CreateReplica();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = CifarNormalization.ToTensor(pixels);
            return nn.functional.softmax(module.forward(input), 1).data<float>().ToArray();
        }
        finally
        {
            _idle.Add(module);
        }
    }

    private nn.Module<Tensor, Tensor> CreateReplica()
    {
        var module = ModelCatalog.Create(_weights.Architecture, seed: 0);
        _weights.CopyTo(module);
        module.eval();
        _all.Enqueue(module);
        return module;
    }
}
