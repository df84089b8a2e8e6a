using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FedAvg.Common.Models;

/// <summary>
/// Our own byte format for <see cref="ModelWeights"/>, independent of TorchSharp's, so stored models stay
/// readable across library upgrades and can be checked before use. Layout (all integers little-endian):
/// <code>
/// magic     8 bytes  "FAVGMODL"
/// version   uint16   1
/// arch      uint16 byte length + UTF-8
/// count     int32    number of tensors
/// manifest  per tensor: uint16 name length + UTF-8 name, kind byte (WeightKind), rank byte, rank x int64 dims
/// data      per tensor, in manifest order: float32 or int64 values, little-endian
/// checksum  32 bytes SHA-256 of every byte above
/// </code>
/// </summary>
public static class ModelStateFormat
{
    public const ushort CurrentVersion = 1;

    private const int ChecksumBytes = 32;
    private const int MaxRank = 8;
    private const int MaxTensors = 100_000;
    private static readonly byte[] Magic = "FAVGMODL"u8.ToArray();

    public static void Write(Stream stream, ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(weights);
        EnsureLittleEndian();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            WriteString(writer, weights.Architecture);
            writer.Write(weights.Tensors.Count);
            foreach (WeightTensor tensor in weights.Tensors)
            {
                WriteString(writer, tensor.Name);
                writer.Write((byte)tensor.Kind);
                if (tensor.Shape.Length > MaxRank)
                {
                    throw new ModelStateException($"Tensor '{tensor.Name}' has rank {tensor.Shape.Length}; the format allows at most {MaxRank}.");
                }

                writer.Write((byte)tensor.Shape.Length);
                foreach (long dimension in tensor.Shape)
                {
                    writer.Write(dimension);
                }
            }
        }

        Emit(stream, hash, header.GetBuffer().AsSpan(0, (int)header.Length));
        foreach (WeightTensor tensor in weights.Tensors)
        {
            Emit(stream, hash, tensor.IntegerData is { } integers
                ? MemoryMarshal.AsBytes(integers.AsSpan())
                : MemoryMarshal.AsBytes(tensor.FloatData.AsSpan()));
        }

        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>Reads and verifies weights written by <see cref="Write"/>.</summary>
    /// <param name="sourceName">Where the bytes come from (a blob or file name), used in error messages.</param>
    /// <param name="expectedArchitecture">When given, weights of any other architecture are rejected.</param>
    /// <exception cref="ModelStateException">The bytes are not a valid model state, or not of that architecture.</exception>
    public static ModelWeights Read(Stream stream, string sourceName, string? expectedArchitecture = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        EnsureLittleEndian();
        byte[] bytes = ReadAll(stream);
        var reader = new SpanReader(bytes, sourceName);

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ModelStateException($"'{sourceName}' is not a model state file (it does not start with the FAVGMODL marker).");
        }

        reader.Skip(Magic.Length);
        ushort version = reader.UInt16();
        if (version != CurrentVersion)
        {
            throw new ModelStateException($"'{sourceName}' is model state format version {version}; this build reads only version {CurrentVersion}.");
        }

        string architecture = reader.String();
        int count = reader.Int32();
        if (count is < 0 or > MaxTensors)
        {
            throw new ModelStateException($"'{sourceName}' is corrupt: it claims {count} tensors.");
        }

        var manifest = new (string Name, WeightKind Kind, long[] Shape, long Elements)[count];
        long dataBytes = 0;
        for (int i = 0; i < count; i++)
        {
            string name = reader.String();
            var kind = (WeightKind)reader.Byte();
            if (!Enum.IsDefined(kind))
            {
                throw new ModelStateException($"'{sourceName}' is corrupt: tensor '{name}' has unknown kind {(byte)kind}.");
            }

            int rank = reader.Byte();
            if (rank > MaxRank)
            {
                throw new ModelStateException($"'{sourceName}' is corrupt: tensor '{name}' has rank {rank}.");
            }

            var shape = new long[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                shape[d] = reader.Int64();
                // Any dimension bigger than the file cannot be genuine; bounding it also keeps the products finite.
                if (shape[d] < 0 || shape[d] > bytes.Length)
                {
                    throw new ModelStateException($"'{sourceName}' is corrupt: tensor '{name}' has dimension {shape[d]}.");
                }

                elements *= shape[d];
                if (elements > bytes.Length)
                {
                    throw new ModelStateException($"'{sourceName}' is corrupt or truncated: tensor '{name}' of shape [{string.Join(',', shape[..(d + 1)])}] is larger than the file.");
                }
            }

            manifest[i] = (name, kind, shape, elements);
            dataBytes += elements * (kind == WeightKind.IntegerBuffer ? sizeof(long) : sizeof(float));
        }

        long expectedLength = reader.Position + dataBytes + ChecksumBytes;
        if (bytes.Length != expectedLength)
        {
            throw new ModelStateException(bytes.Length < expectedLength
                ? $"'{sourceName}' is truncated: it has {bytes.Length} bytes, its manifest needs {expectedLength}."
                : $"'{sourceName}' is corrupt: it has {bytes.Length - expectedLength} bytes after the end its manifest describes.");
        }

        byte[] actualChecksum = SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumBytes));
        if (!actualChecksum.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
        {
            throw new ModelStateException($"'{sourceName}' failed its SHA-256 check: the stored model is corrupted.");
        }

        if (expectedArchitecture is not null && architecture != expectedArchitecture)
        {
            throw new ModelStateException($"'{sourceName}' holds weights of architecture '{architecture}', not the expected '{expectedArchitecture}'.");
        }

        var tensors = new List<WeightTensor>(count);
        foreach (var (name, kind, shape, elements) in manifest)
        {
            if (kind == WeightKind.IntegerBuffer)
            {
                var data = new long[elements];
                reader.Bytes(data.LongLength * sizeof(long)).CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                tensors.Add(WeightTensor.FromIntegers(name, shape, data));
            }
            else
            {
                var data = new float[elements];
                reader.Bytes(data.LongLength * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                tensors.Add(WeightTensor.FromFloats(name, shape, kind, data));
            }
        }

        try
        {
            return new ModelWeights(architecture, tensors);
        }
        catch (ArgumentException e)
        {
            // The checksum matched, so a writer produced this; still refuse weights that break the invariants.
            throw new ModelStateException($"'{sourceName}' holds invalid weights: {e.Message}", e);
        }
    }

    // Every platform that .NET 10 and TorchSharp's native libraries ship for is little-endian, so the data is
    // written and read as the raw in-memory bytes; refuse loudly rather than silently swap on anything else.
    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The model state format is implemented for little-endian platforms only.");
        }
    }

    private static void Emit(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        if (utf8.Length > ushort.MaxValue)
        {
            throw new ModelStateException($"Name '{text[..40]}...' is longer than {ushort.MaxValue} UTF-8 bytes.");
        }

        writer.Write((ushort)utf8.Length);
        writer.Write(utf8);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Bounds-checked little-endian reads; running off the end means the file was cut short.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> bytes, string sourceName)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public void Skip(int count) => Take(count);

        public byte Byte() => Take(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public string String()
        {
            ReadOnlySpan<byte> utf8 = Take(UInt16());
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
            }
            catch (DecoderFallbackException e)
            {
                throw new ModelStateException($"'{sourceName}' is corrupt: a name is not valid UTF-8.", e);
            }
        }

        public ReadOnlySpan<byte> Bytes(long count) => Take(checked((int)count));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _bytes.Length - Position)
            {
                throw new ModelStateException($"'{sourceName}' is truncated: it ends inside its header at byte {_bytes.Length}.");
            }

            ReadOnlySpan<byte> slice = _bytes.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
