namespace FedAvg.Common.Imaging;

/// <summary>
/// Reads a whole upload into memory but never more than the limit: reading stops at limit + 1 bytes, so an endless
/// or oversized body costs at most that much memory and is rejected as <see cref="ImageRejectionReason.TooLarge"/>.
/// </summary>
internal static class BoundedStreamReader
{
    private const int InitialBufferBytes = 64 * 1024;

    public static byte[] Read(Stream stream, int maxBytes)
    {
        RejectIfKnownTooLong(stream, maxBytes);
        var buffer = new Buffer(maxBytes);
        int read;
        while ((read = stream.Read(buffer.FreeSpace())) > 0)
        {
            buffer.Advance(read);
        }

        return buffer.ToArray();
    }

    public static async Task<byte[]> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        RejectIfKnownTooLong(stream, maxBytes);
        var buffer = new Buffer(maxBytes);
        int read;
        while ((read = await stream.ReadAsync(buffer.FreeMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Advance(read);
        }

        return buffer.ToArray();
    }

    private static void RejectIfKnownTooLong(Stream stream, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static ImageRejectedException TooLarge(int maxBytes) =>
        new(ImageRejectionReason.TooLarge, $"The image is larger than the {maxBytes}-byte limit.");

    /// <summary>A growable buffer capped at maxBytes + 1; filling that last byte proves the input is too large.</summary>
    private sealed class Buffer(int maxBytes)
    {
        private byte[] _bytes = new byte[Math.Min(InitialBufferBytes, maxBytes + 1)];
        private int _count;

        public Span<byte> FreeSpace() => FreeMemory().Span;

        public Memory<byte> FreeMemory()
        {
            if (_count == _bytes.Length)
            {
                Grow();
            }

            return _bytes.AsMemory(_count);
        }

        public void Advance(int read)
        {
            _count += read;
            if (_count > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
        }

        public byte[] ToArray() => _count == _bytes.Length ? _bytes : _bytes[.._count];

        private void Grow()
        {
            int size = (int)Math.Min((long)_bytes.Length * 2, (long)maxBytes + 1);
            Array.Resize(ref _bytes, size);
        }
    }
}
