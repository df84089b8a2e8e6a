namespace FedAvg.Common.Models;

/// <summary>
/// One named tensor of a model as a flat row-major array: float32 for parameters and float buffers, int64 for
/// integer buffers. The arrays are exposed as they are (not copied) so aggregation can run vectorised over them;
/// treat them as read-only once the tensor is part of a <see cref="ModelWeights"/>.
/// </summary>
public sealed record WeightTensor
{
    private WeightTensor(string name, long[] shape, WeightKind kind, float[]? floatData, long[]? integerData)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        long elements = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape [{string.Join(',', shape)}].", nameof(shape));
            }

            elements = checked(elements * dimension);
        }

        long length = floatData?.LongLength ?? integerData!.LongLength;
        if (length != elements)
        {
            throw new ArgumentException($"Tensor '{name}' of shape [{string.Join(',', shape)}] needs {elements} values, not {length}.", nameof(shape));
        }

        Name = name;
        Shape = shape;
        Kind = kind;
        FloatData = floatData;
        IntegerData = integerData;
    }

    public string Name { get; }

    /// <summary>Dimensions, outermost first; empty for a scalar (which holds one value).</summary>
#pragma warning disable CA1819 // Shapes are tiny and compared element-wise; an array keeps them cheap to build.
    public long[] Shape { get; }

    public WeightKind Kind { get; }

    /// <summary>The values of a <see cref="WeightKind.Parameter"/> or <see cref="WeightKind.FloatBuffer"/>; null otherwise.</summary>
    public float[]? FloatData { get; }

    /// <summary>The values of an <see cref="WeightKind.IntegerBuffer"/>; null otherwise.</summary>
    public long[]? IntegerData { get; }
#pragma warning restore CA1819

    public bool IsFloat => FloatData is not null;

    public long ElementCount => FloatData?.LongLength ?? IntegerData!.LongLength;

    public long ByteCount => IsFloat ? ElementCount * sizeof(float) : ElementCount * sizeof(long);

    public static WeightTensor FromFloats(string name, long[] shape, WeightKind kind, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (kind is not (WeightKind.Parameter or WeightKind.FloatBuffer))
        {
            throw new ArgumentException($"Tensor '{name}' holds floats, so it cannot be a {kind}.", nameof(kind));
        }

        return new WeightTensor(name, shape, kind, data, null);
    }

    public static WeightTensor FromIntegers(string name, long[] shape, long[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new WeightTensor(name, shape, WeightKind.IntegerBuffer, null, data);
    }

    /// <summary>Same name, kind and shape: the two can stand for the same tensor of one architecture.</summary>
    public bool HasSameLayout(WeightTensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Kind == other.Kind && Shape.AsSpan().SequenceEqual(other.Shape);
    }

    public string ShapeText => $"[{string.Join(',', Shape)}]";
}
