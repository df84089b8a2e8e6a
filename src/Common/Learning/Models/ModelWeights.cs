using TorchSharp;
using static TorchSharp.torch;

namespace FedAvg.Common.Models;

/// <summary>
/// Everything that defines a trained model apart from its code: the architecture name and every parameter and
/// persistent buffer (BatchNorm running statistics included) as named flat arrays, in the module's own order
/// (parameters first, then buffers, as <c>named_parameters</c> and <c>named_buffers</c> list them).
/// </summary>
public sealed class ModelWeights
{
    private readonly WeightTensor[] _tensors;

    public ModelWeights(string architecture, IEnumerable<WeightTensor> tensors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(architecture);
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = [.. tensors];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (WeightTensor tensor in _tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor name '{tensor.Name}' appears twice.", nameof(tensors));
            }
        }

        Architecture = architecture;
    }

    public string Architecture { get; }

    public IReadOnlyList<WeightTensor> Tensors => _tensors;

    /// <summary>Bytes of tensor data (4 per float, 8 per integer), without names or shapes.</summary>
    public long ByteCount => _tensors.Sum(t => t.ByteCount);

    /// <summary>Copies every parameter and persistent buffer out of <paramref name="module"/>.</summary>
    public static ModelWeights FromModule(nn.Module module, string architecture)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = new List<WeightTensor>();
        foreach (var (name, tensor, kind) in NamedTensors(module))
        {
            // detach, cpu and contiguous may each make a new tensor handle; the scope frees them all.
            using DisposeScope scope = NewDisposeScope();
            Tensor cpu = tensor.detach().cpu().contiguous();
            tensors.Add(kind == WeightKind.IntegerBuffer
                ? WeightTensor.FromIntegers(name, cpu.shape, cpu.data<long>().ToArray())
                : WeightTensor.FromFloats(name, cpu.shape, kind, cpu.data<float>().ToArray()));
        }

        return new ModelWeights(architecture, tensors);
    }

    /// <summary>
    /// Overwrites every parameter and persistent buffer of <paramref name="module"/>. Everything is checked before
    /// anything is written, so a mismatch leaves the module untouched.
    /// </summary>
    /// <exception cref="ModelStateException">A tensor is missing, extra, or of another kind or shape.</exception>
    public void CopyTo(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var targets = NamedTensors(module).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (WeightTensor source in _tensors)
        {
            if (!targets.TryGetValue(source.Name, out var target))
            {
                throw new ModelStateException($"Weights for '{Architecture}' hold tensor '{source.Name}', which the module does not have.");
            }

            if (target.Kind != source.Kind)
            {
                throw new ModelStateException($"Tensor '{source.Name}' is a {source.Kind} in the weights but a {target.Kind} in the module.");
            }

            if (!target.Tensor.shape.AsSpan().SequenceEqual(source.Shape))
            {
                throw new ModelStateException($"Tensor '{source.Name}' has shape {source.ShapeText} in the weights but [{string.Join(',', target.Tensor.shape)}] in the module.");
            }
        }

        if (targets.Count != _tensors.Length)
        {
            string missing = targets.Keys.First(name => !_tensors.Any(t => t.Name == name));
            throw new ModelStateException($"The module has tensor '{missing}', which the weights for '{Architecture}' do not hold.");
        }

        using var noGrad = torch.no_grad();
        foreach (WeightTensor source in _tensors)
        {
            Tensor target = targets[source.Name].Tensor;
            if (source.IntegerData is { } integers)
            {
                target.data<long>().CopyFrom(integers);
            }
            else
            {
                target.data<float>().CopyFrom(source.FloatData!);
            }
        }
    }

    /// <summary>Finds a tensor by name, or null.</summary>
    public WeightTensor? Find(string name) => Array.Find(_tensors, t => t.Name == name);

    private static IEnumerable<(string Name, Tensor Tensor, WeightKind Kind)> NamedTensors(nn.Module module)
    {
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (parameter.dtype != ScalarType.Float32)
            {
                throw new ModelStateException($"Parameter '{name}' is {parameter.dtype}; only float32 parameters are supported.");
            }

            yield return (name, parameter, WeightKind.Parameter);
        }

        // Non-persistent buffers are scratch space, not state: torch leaves them out of state_dict and so do we.
        foreach (var (name, buffer) in module.named_buffers(recurse: true, include_nonpersistent: false))
        {
            WeightKind kind = buffer.dtype switch
            {
                ScalarType.Float32 => WeightKind.FloatBuffer,
                ScalarType.Int64 => WeightKind.IntegerBuffer,
                _ => throw new ModelStateException($"Buffer '{name}' is {buffer.dtype}; only float32 and int64 buffers are supported."),
            };
            yield return (name, buffer, kind);
        }
    }
}
