using static TorchSharp.torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Training;

/// <summary>
/// FedProx's proximal term μ/2·‖w − w_global‖² (Li et al. 2020), applied through its gradient μ·(w − w_global), which
/// is added to each parameter's gradient after the backward pass and before the optimiser step. That is the exact
/// gradient of the term, without building it into the autograd graph. The reported loss stays the cross-entropy, so
/// it compares across μ. Only parameters are pulled: BatchNorm statistics are not trained by gradients.
/// </summary>
internal sealed class ProximalTerm : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _anchors;
    private readonly double _mu;

    /// <param name="model">The model as training starts: its weights are w_global.</param>
    public ProximalTerm(Module model, double mu)
    {
        _mu = mu;
        _parameters = [.. model.parameters()];
        using var noGrad = no_grad();
        _anchors = [.. _parameters.Select(p => p.detach().clone())];
    }

    /// <summary>grad += μ·(w − w_global) for every parameter that has a gradient.</summary>
    public void AddGradient()
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is { } gradient)
            {
                gradient.add_(_parameters[i].sub(_anchors[i]), alpha: _mu);
            }
        }
    }

    public void Dispose()
    {
        foreach (Tensor anchor in _anchors)
        {
            anchor.Dispose();
        }
    }
}
