using System.Runtime.InteropServices;
using FedAvg.Common.Models;

namespace FedAvg.Common.Tests.TestData;

public static class WeightsAssert
{
    /// <summary>Same architecture, same tensors in the same order, and the same bits in every value.</summary>
    public static void BitIdentical(ModelWeights expected, ModelWeights actual)
    {
        Assert.Equal(expected.Architecture, actual.Architecture);
        Assert.Equal(expected.Tensors.Count, actual.Tensors.Count);
        for (int i = 0; i < expected.Tensors.Count; i++)
        {
            WeightTensor e = expected.Tensors[i];
            WeightTensor a = actual.Tensors[i];
            Assert.True(e.HasSameLayout(a), $"Tensor {i}: {e.Name} {e.Kind} {e.ShapeText} vs {a.Name} {a.Kind} {a.ShapeText}");
            Assert.True(Bytes(e).SequenceEqual(Bytes(a)), $"Tensor '{e.Name}' differs.");
        }
    }

    /// <summary>Same layout, every float within <paramref name="tolerance"/> of the expected one, every integer equal.</summary>
    public static void Close(ModelWeights expected, ModelWeights actual, float tolerance)
    {
        Assert.Equal(expected.Tensors.Count, actual.Tensors.Count);
        for (int t = 0; t < expected.Tensors.Count; t++)
        {
            WeightTensor e = expected.Tensors[t];
            WeightTensor a = actual.Tensors[t];
            Assert.True(e.HasSameLayout(a), $"Tensor {t}: {e.Name} {e.Kind} {e.ShapeText} vs {a.Name} {a.Kind} {a.ShapeText}");
            if (e.FloatData is { } want)
            {
                float[] got = a.FloatData!;
                Assert.All(Enumerable.Range(0, want.Length), i => Assert.Equal(want[i], got[i], tolerance));
            }
            else
            {
                Assert.Equal(e.IntegerData!, a.IntegerData!);
            }
        }
    }

    public static bool AnyDifference(ModelWeights a, ModelWeights b) =>
        a.Tensors.Zip(b.Tensors).Any(pair => !Bytes(pair.First).SequenceEqual(Bytes(pair.Second)));

    private static ReadOnlySpan<byte> Bytes(WeightTensor tensor) => tensor.IntegerData is { } integers
        ? MemoryMarshal.AsBytes(integers.AsSpan())
        : MemoryMarshal.AsBytes(tensor.FloatData.AsSpan());
}
