using System.Buffers.Binary;

namespace FedAvg.Common.Imaging;

/// <summary>
/// Walks a JPEG's marker segments and entropy-coded scans up to the EOI marker before ImageSharp sees it.
/// ImageSharp 2.1 decodes a JPEG cut short without complaint (missing blocks come out grey), so the walk insists on
/// reaching EOI; it also reads the one frame header (SOFn) for the dimensions. Segment lengths are followed, so an
/// FF D9 inside an EXIF thumbnail does not count as the end. Bytes after EOI (trailing zeros, camera junk) are ignored.
/// </summary>
internal static class JpegStructure
{
    public static ReadOnlySpan<byte> Signature => [0xFF, 0xD8, 0xFF];

    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public static ImageHeader Validate(ReadOnlySpan<byte> data)
    {
        int position = 2;
        int width = 0;
        int height = 0;
        bool sawFrame = false;
        bool sawScan = false;
        while (true)
        {
            position = SkipToMarker(data, position);
            byte marker = data[position++];
            switch (marker)
            {
                case EndOfImage:
                    return sawScan
                        ? new ImageHeader(SourceImageFormat.Jpeg, width, height)
                        : throw Rejected(ImageRejectionReason.Corrupt, "The JPEG ends (EOI) before any scan data.");
                case 0x01 or (>= 0xD0 and <= 0xD7):
                    continue; // standalone markers carry no length
                case 0xD8 or 0x00:
                    throw Rejected(ImageRejectionReason.Corrupt, $"The JPEG has an unexpected marker FF {marker:X2} at byte {position - 2}.");
            }

            if (data.Length - position < 2)
            {
                throw Rejected(ImageRejectionReason.Truncated, $"The JPEG ends inside the FF {marker:X2} segment header.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                throw Rejected(ImageRejectionReason.Corrupt, $"The JPEG's FF {marker:X2} segment at byte {position - 2} has length {length}.");
            }

            if (data.Length - position < length)
            {
                throw Rejected(ImageRejectionReason.Truncated, $"The JPEG's FF {marker:X2} segment at byte {position - 2} needs {length} bytes but the file ends first.");
            }

            ReadOnlySpan<byte> segment = data.Slice(position + 2, length - 2);
            if (IsStartOfFrame(marker))
            {
                if (sawFrame)
                {
                    throw Rejected(ImageRejectionReason.Corrupt, "The JPEG has more than one frame header (SOF).");
                }

                (width, height) = ReadDimensions(segment);
                sawFrame = true;
            }

            position += length;
            if (marker == StartOfScan)
            {
                if (!sawFrame)
                {
                    throw Rejected(ImageRejectionReason.Corrupt, "The JPEG has scan data before its frame header (SOF).");
                }

                position = SkipEntropyCodedData(data, position);
                sawScan = true;
            }
        }
    }

    /// <summary>Returns the index of the marker code after one or more FF bytes; stray bytes between segments are skipped as libjpeg does.</summary>
    private static int SkipToMarker(ReadOnlySpan<byte> data, int position)
    {
        int next = position < data.Length ? data[position..].IndexOf((byte)0xFF) : -1;
        if (next < 0)
        {
            throw Rejected(ImageRejectionReason.Truncated, $"The JPEG ends at byte {data.Length} without an EOI marker.");
        }

        position += next;
        while (position < data.Length && data[position] == 0xFF)
        {
            position++;
        }

        return position < data.Length
            ? position
            : throw Rejected(ImageRejectionReason.Truncated, $"The JPEG ends at byte {data.Length} without an EOI marker.");
    }

    /// <summary>Inside a scan, FF 00 is a stuffed data byte and FF D0..D7 a restart marker; any other marker ends the scan.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            int next = position < data.Length ? data[position..].IndexOf((byte)0xFF) : -1;
            if (next < 0 || position + next + 1 >= data.Length)
            {
                throw Rejected(ImageRejectionReason.Truncated, $"The JPEG ends at byte {data.Length} inside scan data, without an EOI marker.");
            }

            position += next;
            byte following = data[position + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7)
            {
                position += 2;
            }
            else if (following == 0xFF)
            {
                position += 1;
            }
            else
            {
                return position;
            }
        }
    }

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);

    private static (int Width, int Height) ReadDimensions(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 6)
        {
            throw Rejected(ImageRejectionReason.Corrupt, "The JPEG's frame header (SOF) is too short.");
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        if (width == 0 || height == 0)
        {
            // Height 0 defers to a DNL marker, which ImageSharp does not support.
            throw Rejected(ImageRejectionReason.Corrupt, $"The JPEG's frame header gives dimensions {width}x{height}.");
        }

        return (width, height);
    }

    private static ImageRejectedException Rejected(ImageRejectionReason reason, string message) => new(reason, message);
}
