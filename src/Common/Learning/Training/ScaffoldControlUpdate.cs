using System.Numerics.Tensors;

namespace FedAvg.Common.Training;

/// <summary>
/// SCAFFOLD's new client control, option II of Karimireddy et al. (2020), element by element:
/// destination = c_i − c + (x − y)·scale with scale = 1/(K·η): the client's average corrected step turned back into
/// a gradient, minus the correction it trained with.
/// </summary>
internal static class ScaffoldControlUpdate
{
    /// <param name="clientControl">c_i; <paramref name="destination"/> may be this very span.</param>
    /// <param name="serverControl">c; must not overlap <paramref name="destination"/>.</param>
    /// <param name="global">x, the weights training started from; must not overlap <paramref name="destination"/>.</param>
    /// <param name="trained">y, the weights after K steps; must not overlap <paramref name="destination"/>.</param>
    /// <param name="scale">1/(K·η) &gt; 0.</param>
    /// <remarks>
    /// Float arithmetic, in the order written. A NaN gives NaN; x − y of opposite-signed values near float.MaxValue
    /// overflows to ±∞ (trained weights that large have diverged anyway). Empty spans are a no-op.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Compute(ReadOnlySpan<float> clientControl, ReadOnlySpan<float> serverControl, ReadOnlySpan<float> global, ReadOnlySpan<float> trained, float scale, Span<float> destination)
    {
        int length = destination.Length;
        if (clientControl.Length != length || serverControl.Length != length || global.Length != length || trained.Length != length)
        {
            throw new ArgumentException($"The controls ({clientControl.Length}, {serverControl.Length}), the weights ({global.Length}, {trained.Length}) and the destination ({length}) must have one length.", nameof(destination));
        }

        // c_i − c first, into the destination (which may be c_i), then + (x − y)·scale, x − y taken element by element.
        TensorPrimitives.Subtract(clientControl, serverControl, destination);
        for (int i = 0; i < length; i++)
        {
            destination[i] += (global[i] - trained[i]) * scale;
        }
    }
}
