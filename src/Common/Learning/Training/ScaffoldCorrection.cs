using FedAvg.Common.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Training;

/// <summary>
/// SCAFFOLD's drift correction in local training (Karimireddy et al. 2020): every step moves the weights by −η·(c − c_i)
/// beside the optimiser's own step. It is applied to the weights after each optimiser step, outside SGD's momentum, as
/// NIID-Bench and NVFlare do: c_i, taken from (x − y)/(K·η), already holds the momentum's 1/(1 − β) amplification, so a
/// correction carried by the momentum as well would be amplified twice. Parameters whose c − c_i is zero get nothing,
/// so zero variates train bit for bit as FedAvg.
/// </summary>
internal sealed class ScaffoldCorrection : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor?[] _corrections;

    /// <exception cref="ArgumentException">The variates do not hold exactly the model's parameters.</exception>
    /// <param name="learningRate">η, the step's learning rate: the weights move by −η·(c − c_i) a step.</param>
    public ScaffoldCorrection(Module model, ScaffoldControls controls, double learningRate)
    {
        var named = model.named_parameters().ToArray();
        if (named.Length != controls.Server.Tensors.Count)
        {
            throw new ArgumentException($"The control variates hold {controls.Server.Tensors.Count} tensors, the model {named.Length} parameters.", nameof(controls));
        }

        _parameters = new Parameter[named.Length];
        _corrections = new Tensor?[named.Length];
        for (int i = 0; i < named.Length; i++)
        {
            var (name, parameter) = named[i];
            WeightTensor server = controls.Server.Tensors[i];
            if (server.Name != name || !parameter.shape.AsSpan().SequenceEqual(server.Shape))
            {
                throw new ArgumentException($"Control variate {i} is '{server.Name}' {server.ShapeText}, but the model's parameter is '{name}' [{string.Join(',', parameter.shape)}].", nameof(controls));
            }

            _parameters[i] = parameter;
            float[] difference = new float[server.ElementCount];
            System.Numerics.Tensors.TensorPrimitives.Subtract(server.FloatData, controls.Client.Tensors[i].FloatData, difference);
            System.Numerics.Tensors.TensorPrimitives.Multiply(difference, (float)learningRate, difference);
            _corrections[i] = Array.TrueForAll(difference, v => v == 0) ? null : tensor(difference, server.Shape);
        }
    }

    /// <summary>w −= η·(c − c_i) for every parameter with a non-zero correction; called after the optimiser's step.</summary>
    public void CorrectWeights()
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_corrections[i] is { } correction)
            {
                _parameters[i].sub_(correction);
            }
        }
    }

    /// <summary>
    /// The new c_i = c_i − c + (x − y)/(K·η) (option II), from the weights before (<paramref name="global"/>) and after
    /// (<paramref name="trained"/>) the K = <paramref name="steps"/> optimiser steps at learning rate η.
    /// </summary>
    public static ModelWeights NewClientControl(ScaffoldControls controls, ModelWeights global, ModelWeights trained, long steps, double learningRate)
    {
        float scale = (float)(1.0 / (steps * learningRate));
        var tensors = new List<WeightTensor>(controls.Client.Tensors.Count);
        foreach (WeightTensor client in controls.Client.Tensors)
        {
            float[] result = new float[client.ElementCount];
            ScaffoldControlUpdate.Compute(client.FloatData, controls.Server.Find(client.Name)!.FloatData, global.Find(client.Name)!.FloatData, trained.Find(client.Name)!.FloatData, scale, result);
            tensors.Add(WeightTensor.FromFloats(client.Name, client.Shape, WeightKind.Parameter, result));
        }

        return new ModelWeights(controls.Client.Architecture, tensors);
    }

    public void Dispose()
    {
        foreach (Tensor? correction in _corrections)
        {
            correction?.Dispose();
        }
    }
}
