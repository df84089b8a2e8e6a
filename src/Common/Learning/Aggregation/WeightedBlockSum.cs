using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FedAvg.Common.Aggregation;

/// <summary>
/// The weighted sum of one block of a tensor over all clients: sum = x₀·w₀, then sum = xᵢ·wᵢ + sum for each further
/// client in order, every product and every addition rounded to float32 on its own (never fused). Each element thus
/// gets the same bits whatever the block boundaries, the vector width or the thread that computes it.
/// </summary>
internal static class WeightedBlockSum
{
    /// <param name="sum">The block of the result; its length is the block's.</param>
    /// <param name="inputs">Each client's whole tensor, in client order.</param>
    /// <param name="shares">Each client's weight, in the same order.</param>
    /// <param name="start">Where the block starts in the tensor.</param>
    public static void Compute(Span<float> sum, float[][] inputs, float[] shares, int start)
    {
        int length = sum.Length;
        int c = 0;

        // Four clients per pass keep the running sum in a register across them. One client per pass loads and
        // stores the whole block again for every client, and that L1 traffic, not memory, is then what limits.
        for (; c + 4 <= inputs.Length; c += 4)
        {
            AddFour(
                sum,
                initialize: c == 0,
                inputs[c].AsSpan(start, length),
                inputs[c + 1].AsSpan(start, length),
                inputs[c + 2].AsSpan(start, length),
                inputs[c + 3].AsSpan(start, length),
                shares.AsSpan(c, 4));
        }

        if (c == 0)
        {
            TensorPrimitives.Multiply(inputs[0].AsSpan(start, length), shares[0], sum);
            c = 1;
        }

        for (; c < inputs.Length; c++)
        {
            TensorPrimitives.MultiplyAdd(inputs[c].AsSpan(start, length), shares[c], sum, sum);
        }
    }

    private static void AddFour(Span<float> sum, bool initialize, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, ReadOnlySpan<float> shares)
    {
        var wa = new Vector<float>(shares[0]);
        var wb = new Vector<float>(shares[1]);
        var wc = new Vector<float>(shares[2]);
        var wd = new Vector<float>(shares[3]);
        Span<Vector<float>> sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
        ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        ReadOnlySpan<Vector<float>> vc = MemoryMarshal.Cast<float, Vector<float>>(c);
        ReadOnlySpan<Vector<float>> vd = MemoryMarshal.Cast<float, Vector<float>>(d);
        for (int i = 0; i < sums.Length; i++)
        {
            Vector<float> x = initialize ? va[i] * wa : (va[i] * wa) + sums[i];
            x = (vb[i] * wb) + x;
            x = (vc[i] * wc) + x;
            sums[i] = (vd[i] * wd) + x;
        }

        for (int i = sums.Length * Vector<float>.Count; i < sum.Length; i++)
        {
            float x = initialize ? a[i] * shares[0] : (a[i] * shares[0]) + sum[i];
            x = (b[i] * shares[1]) + x;
            x = (c[i] * shares[2]) + x;
            sum[i] = (d[i] * shares[3]) + x;
        }
    }
}
