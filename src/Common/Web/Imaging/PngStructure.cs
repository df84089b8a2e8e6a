using System.Buffers.Binary;
using System.IO.Hashing;

namespace FedAvg.Common.Imaging;

/// <summary>
/// Walks a PNG's chunks before ImageSharp sees it. ImageSharp 2.1 decodes a PNG cut short without complaint
/// (missing rows come out black), so completeness is checked here: every chunk's length must fit, every CRC must
/// match, IHDR must come first and IEND must be reached. Bytes after IEND are ignored, as decoders do.
/// </summary>
internal static class PngStructure
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const int IhdrLength = 13;

    public static ImageHeader Validate(ReadOnlySpan<byte> data)
    {
        int position = Signature.Length;
        int width = 0;
        int height = 0;
        bool sawHeader = false;
        bool sawData = false;
        while (true)
        {
            if (data.Length - position < 8)
            {
                throw Rejected(ImageRejectionReason.Truncated, $"The PNG ends at byte {data.Length} without an IEND chunk.");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            ReadOnlySpan<byte> type = data.Slice(position + 4, 4);
            if (length > int.MaxValue || !IsChunkType(type))
            {
                throw Rejected(ImageRejectionReason.Corrupt, $"The PNG has an invalid chunk header at byte {position}.");
            }

            // Compare in long: position + 12 + length can pass int.MaxValue for a forged length.
            if ((long)position + 12 + length > data.Length)
            {
                throw Rejected(ImageRejectionReason.Truncated, $"The PNG's '{ChunkName(type)}' chunk at byte {position} needs {length} data bytes but the file ends first.");
            }

            ReadOnlySpan<byte> body = data.Slice(position + 8, (int)length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(data.Slice(position + 4, 4 + (int)length)) != storedCrc)
            {
                throw Rejected(ImageRejectionReason.Corrupt, $"The PNG's '{ChunkName(type)}' chunk at byte {position} fails its CRC check.");
            }

            // Compared as bytes: a string per chunk would allocate ~30 MB for a 10 MB file of empty chunks.
            if (!sawHeader)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != IhdrLength)
                {
                    throw Rejected(ImageRejectionReason.Corrupt, "The PNG does not start with a 13-byte IHDR chunk.");
                }

                (width, height) = ReadDimensions(body);
                sawHeader = true;
            }
            else if (type.SequenceEqual("IHDR"u8))
            {
                throw Rejected(ImageRejectionReason.Corrupt, "The PNG has more than one IHDR chunk.");
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                sawData = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return sawData
                    ? new ImageHeader(SourceImageFormat.Png, width, height)
                    : throw Rejected(ImageRejectionReason.Corrupt, "The PNG has no IDAT chunk.");
            }

            position += 12 + (int)length;
        }
    }

    private static (int Width, int Height) ReadDimensions(ReadOnlySpan<byte> ihdr)
    {
        uint width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw Rejected(ImageRejectionReason.Corrupt, $"The PNG's IHDR gives impossible dimensions {width}x{height}.");
        }

        return ((int)width, (int)height);
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static string ChunkName(ReadOnlySpan<byte> type) => System.Text.Encoding.ASCII.GetString(type);

    private static ImageRejectedException Rejected(ImageRejectionReason reason, string message) => new(reason, message);
}
