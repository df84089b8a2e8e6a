using System.Buffers.Binary;
using System.Security.Cryptography;
using FedAvg.Common.Data;

namespace FedAvg.Common.Shards;

/// <summary>
/// One client's data as a single blob. Little-endian layout:
/// "FASH", uint16 version (1), int32 count, uint64 checksum, count label bytes, count × 3072 pixel bytes.
/// The checksum is the first 8 bytes (read little-endian) of SHA-256 over labels then pixels:
/// hardware-accelerated, so cheaper than a byte-at-a-time hash on tens of megabytes.
/// </summary>
public static class ShardFormat
{
    public const ushort Version = 1;

    /// <summary>Larger counts are treated as corruption rather than allocated.</summary>
    public const int MaxCount = 1_000_000;

    public const int HeaderBytes = 4 + sizeof(ushort) + sizeof(int) + sizeof(ulong);

    private static ReadOnlySpan<byte> Magic => "FASH"u8;

    /// <summary>Writes header, labels and pixels straight from the dataset's arrays.</summary>
    public static void Write(Stream stream, CifarDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count > MaxCount)
        {
            throw new ArgumentException($"A shard holds at most {MaxCount} images, not {dataset.Count}.", nameof(dataset));
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[6..], dataset.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(header[10..], Checksum(dataset.Labels, dataset.Pixels));
        stream.Write(header);
        stream.Write(dataset.Labels);
        stream.Write(dataset.Pixels);
    }

    /// <summary>
    /// Reads one shard into freshly allocated arrays, reading forward only; the stream must end with the shard.
    /// <paramref name="sourceName"/> labels errors.
    /// </summary>
    public static CifarDataset Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);

        Span<byte> header = stackalloc byte[HeaderBytes];
        ReadExactly(stream, header, sourceName, "header", 0);
        if (!header[..4].SequenceEqual(Magic))
        {
            throw Error(sourceName, $"not a shard: starts with 0x{Convert.ToHexString(header[..4])}, expected \"FASH\".");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != Version)
        {
            throw Error(sourceName, $"shard format version {version} is not supported (this build reads version {Version}).");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(header[6..]);
        if (count is < 0 or > MaxCount)
        {
            throw Error(sourceName, $"image count {count} is outside 0..{MaxCount}; the header is corrupt.");
        }

        if (count > Array.MaxLength / CifarDataset.ImageBytes)
        {
            throw Error(sourceName, $"{count} images do not fit in one in-memory dataset (at most {Array.MaxLength / CifarDataset.ImageBytes}).");
        }

        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(header[10..]);
        var labels = new byte[count];
        var pixels = new byte[(long)count * CifarDataset.ImageBytes];
        ReadExactly(stream, labels, sourceName, "labels", HeaderBytes);
        ReadExactly(stream, pixels, sourceName, "pixels", HeaderBytes + count);

        ulong actual = Checksum(labels, pixels);
        if (actual != expected)
        {
            throw Error(sourceName, $"checksum mismatch: the data hashes to {actual:x16} but the header says {expected:x16}; the shard is corrupt.");
        }

        if (stream.ReadByte() != -1)
        {
            throw Error(sourceName, $"unexpected data after the {count} images the header declares.");
        }

        int bad = labels.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)(CifarDataset.ClassCount - 1));
        if (bad >= 0)
        {
            // The checksum matched, so the writer itself stored this.
            throw Error(sourceName, $"label {labels[bad]} of image {bad} is outside 0..{CifarDataset.ClassCount - 1}.");
        }

        return new CifarDataset(labels, pixels);
    }

    /// <summary>
    /// Only the labels of a shard: the header and the label bytes that follow it, so a caller that needs
    /// the class of every image (to plan a partition) reads kilobytes, not the pixels. The checksum
    /// covers the pixels too, so it is not checked here; the labels' range is.
    /// </summary>
    public static byte[] ReadLabels(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        Span<byte> header = stackalloc byte[HeaderBytes];
        ReadExactly(stream, header, sourceName, "header", 0);
        if (!header[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) != Version)
        {
            throw Error(sourceName, $"not a version {Version} shard.");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(header[6..]);
        if (count is < 0 or > MaxCount)
        {
            throw Error(sourceName, $"image count {count} is outside 0..{MaxCount}; the header is corrupt.");
        }

        var labels = new byte[count];
        ReadExactly(stream, labels, sourceName, "labels", HeaderBytes);
        int bad = labels.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)(CifarDataset.ClassCount - 1));
        return bad < 0 ? labels : throw Error(sourceName, $"label {labels[bad]} of image {bad} is outside 0..{CifarDataset.ClassCount - 1}.");
    }

    internal static ulong Checksum(ReadOnlySpan<byte> labels, ReadOnlySpan<byte> pixels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(labels);
        hash.AppendData(pixels);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string sourceName, string part, long offset)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw Error(sourceName, $"truncated: the {part} starting at byte offset {offset} need {buffer.Length} bytes but only {read} remain.");
        }
    }

    private static ShardFormatException Error(string sourceName, string problem) => new($"{sourceName}: {problem}", sourceName);
}
