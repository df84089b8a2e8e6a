using FedAvg.Common.Models;

namespace FedAvg.Common.Training;

/// <summary>
/// SCAFFOLD's control variates for one client's round (Karimireddy et al. 2020): the server's c and this client's
/// c_i, each one tensor per model parameter (no buffers). Zeros for both, as in the first round, is plain FedAvg.
/// </summary>
public sealed record ScaffoldControls(ModelWeights Server, ModelWeights Client)
{
    /// <exception cref="ArgumentException">The two do not have the same parameter tensors; ParamName names the field.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Server, nameof(Server));
        ArgumentNullException.ThrowIfNull(Client, nameof(Client));
        if (Server.Tensors.FirstOrDefault(t => t.Kind != WeightKind.Parameter) is { } buffer)
        {
            throw new ArgumentException($"Control variates hold parameters only; '{buffer.Name}' is a {buffer.Kind}.", nameof(Server));
        }

        if (Server.Tensors.Count != Client.Tensors.Count || Server.Tensors.Zip(Client.Tensors).Any(pair => !pair.First.HasSameLayout(pair.Second)))
        {
            throw new ArgumentException($"The client's control ({Client.Tensors.Count} tensors) must have the server's tensors ({Server.Tensors.Count}).", nameof(Client));
        }
    }

    /// <summary>
    /// c_i⁺ − c_i, what the client's new control <paramref name="updated"/> adds to its old one: the server's control
    /// moves by the participants' deltas (Karimireddy et al. 2020, Algorithm 1, line 17).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="updated"/> does not have the client control's tensors.</exception>
    public ModelWeights Delta(ModelWeights updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (updated.Tensors.Count != Client.Tensors.Count || updated.Tensors.Zip(Client.Tensors).Any(pair => !pair.First.HasSameLayout(pair.Second)))
        {
            throw new ArgumentException($"The new control ({updated.Tensors.Count} tensors) must have the client control's tensors ({Client.Tensors.Count}).", nameof(updated));
        }

        return new ModelWeights(Client.Architecture, updated.Tensors.Zip(Client.Tensors, (after, before) =>
        {
            float[] difference = new float[after.ElementCount];
            System.Numerics.Tensors.TensorPrimitives.Subtract(after.FloatData, before.FloatData, difference);
            return WeightTensor.FromFloats(after.Name, (long[])after.Shape.Clone(), WeightKind.Parameter, difference);
        }));
    }

    /// <summary>Zero variates for every parameter of <paramref name="model"/>'s weights.</summary>
    public static ScaffoldControls Zero(ModelWeights model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelWeights Zeros() => new(model.Architecture, model.Tensors
            .Where(t => t.Kind == WeightKind.Parameter)
            .Select(t => WeightTensor.FromFloats(t.Name, (long[])t.Shape.Clone(), WeightKind.Parameter, new float[t.ElementCount])));
        return new ScaffoldControls(Zeros(), Zeros());
    }
}
