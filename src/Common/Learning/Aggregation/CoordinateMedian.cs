namespace FedAvg.Common.Aggregation;

/// <summary>
/// The coordinate-wise median over clients (Yin et al. 2018): destination[i] is the median of inputs[c][start + i]
/// over every client c; with an even number of clients, the midpoint of the two middle values.
/// </summary>
internal static class CoordinateMedian
{
    /// <param name="inputs">Each client's whole tensor; at least one.</param>
    /// <param name="start">Where <paramref name="destination"/> starts in the tensors.</param>
    /// <remarks>
    /// The result does not depend on the clients' order. The midpoint is taken in double and rounded once, so it
    /// cannot overflow even between two values near ±float.MaxValue. NaN sorts below −∞ (as float.CompareTo orders
    /// it), so it would count as the smallest value: callers reject NaN first. An infinity held by fewer than half the
    /// clients does not reach the median. An empty destination is a no-op.
    /// </remarks>
    public static void Compute(ReadOnlySpan<float[]> inputs, int start, Span<float> destination)
    {
        Span<float> column = Column<float>(inputs.Length, stackalloc float[MaxStackClients]);
        int middle = inputs.Length / 2;
        for (int i = 0; i < destination.Length; i++)
        {
            Gather(inputs, start + i, column);
            column.Sort();
            destination[i] = inputs.Length % 2 == 1
                ? column[middle]
                : (float)((column[middle - 1] + (double)column[middle]) / 2);
        }
    }

    /// <summary>The same over int64 buffers; an even count's midpoint is rounded half away from zero, exactly.</summary>
    public static void Compute(ReadOnlySpan<long[]> inputs, int start, Span<long> destination)
    {
        Span<long> column = Column<long>(inputs.Length, stackalloc long[MaxStackClients]);
        int middle = inputs.Length / 2;
        for (int i = 0; i < destination.Length; i++)
        {
            Gather(inputs, start + i, column);
            column.Sort();
            destination[i] = inputs.Length % 2 == 1 ? column[middle] : IntegerMidpoint(column[middle - 1], column[middle]);
        }
    }

    internal const int MaxStackClients = 256;

    /// <summary>The midpoint of two int64 values rounded half away from zero, without overflow.</summary>
    internal static long IntegerMidpoint(long a, long b)
    {
        Int128 sum = (Int128)a + b;
        return (long)(sum >= 0 ? (sum + 1) / 2 : (sum - 1) / 2);
    }

    /// <summary>A scratch column of <paramref name="clients"/> values: on the stack for a usual round, else on the heap.</summary>
    internal static Span<T> Column<T>(int clients, Span<T> stack)
    {
        if (clients == 0)
        {
            throw new ArgumentException("A coordinate-wise statistic needs at least one client.", nameof(clients));
        }

        return clients <= stack.Length ? stack[..clients] : new T[clients];
    }

    internal static void Gather<T>(ReadOnlySpan<T[]> inputs, int index, Span<T> column)
    {
        for (int c = 0; c < inputs.Length; c++)
        {
            column[c] = inputs[c][index];
        }
    }
}
