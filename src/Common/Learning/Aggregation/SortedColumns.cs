namespace FedAvg.Common.Aggregation;

/// <summary>
/// The loop that coordinate-wise order statistics share: for each coordinate, the clients' values there, sorted,
/// reduced to one value.
/// </summary>
internal static class SortedColumns
{
    /// <summary>More clients than this take their scratch column from the heap instead of the stack.</summary>
    internal const int MaxStackClients = 256;

    /// <summary>Reduces one coordinate's values, sorted ascending (NaN first, as CompareTo orders it), to one.</summary>
    public delegate T Statistic<T>(ReadOnlySpan<T> sorted);

    /// <param name="inputs">Each client's whole tensor; at least one.</param>
    /// <param name="start">Where <paramref name="destination"/> starts in the tensors.</param>
    /// <exception cref="ArgumentException">No clients.</exception>
    public static void Reduce<T>(ReadOnlySpan<T[]> inputs, int start, Span<T> destination, Statistic<T> statistic)
        where T : unmanaged
    {
        if (inputs.Length == 0)
        {
            throw new ArgumentException("A coordinate-wise statistic needs at least one client.", nameof(inputs));
        }

        Span<T> column = inputs.Length <= MaxStackClients ? stackalloc T[MaxStackClients] : new T[inputs.Length];
        column = column[..inputs.Length];
        for (int i = 0; i < destination.Length; i++)
        {
            for (int c = 0; c < inputs.Length; c++)
            {
                column[c] = inputs[c][start + i];
            }

            column.Sort();
            destination[i] = statistic(column);
        }
    }
}
