using System.Buffers.Binary;
using FedAvg.Common.Data;
using FedAvg.Common.Shards;
using FedAvg.Common.Tests.Data;

namespace FedAvg.Common.Tests.Shards;

public sealed class ShardFormatTests
{
    private static byte[] Serialize(CifarDataset dataset)
    {
        using var stream = new MemoryStream();
        ShardFormat.Write(stream, dataset);
        return stream.ToArray();
    }

    private static ShardFormatException ReadFails(byte[] bytes) =>
        Assert.Throws<ShardFormatException>(() => ShardFormat.Read(new MemoryStream(bytes), "shards/client-0003.bin"));

    [Fact]
    public void Round_trip_keeps_labels_and_pixels_through_a_forward_only_stream()
    {
        CifarDataset original = SyntheticCifar.Create(4, 0, 9, 2, 2, 7);
        byte[] bytes = Serialize(original);

        CifarDataset read = ShardFormat.Read(new FedAvg.Common.Tests.Fixtures.ForwardOnlyStream(bytes, maxRead: 1000), "client-1");

        Assert.Equal(ShardFormat.HeaderBytes + 6 + (6 * 3072), bytes.Length);
        Assert.Equal("FASH"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(6, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(original.Labels, read.Labels);
        Assert.Equal(original.Pixels, read.Pixels);
    }

    [Fact]
    public void Empty_dataset_round_trips()
    {
        CifarDataset read = ShardFormat.Read(new MemoryStream(Serialize(CifarDataset.Empty)), "empty");

        Assert.Equal(0, read.Count);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(ShardFormat.HeaderBytes + 1)]
    [InlineData(ShardFormat.HeaderBytes + 3 + 3072)]
    public void Truncated_shard_is_reported_with_its_source(int keep)
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(1, 2, 3));

        var error = ReadFails(bytes[..keep]);

        Assert.Equal("shards/client-0003.bin", error.SourceName);
        Assert.Contains("shards/client-0003.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShardFormat.HeaderBytes)]
    [InlineData(ShardFormat.HeaderBytes + 2 + 100)]
    [InlineData(ShardFormat.HeaderBytes + 2 + 3072 + 5)]
    public void A_flipped_data_byte_fails_the_checksum(int position)
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(1, 2));
        bytes[position] ^= 0x01;

        var error = ReadFails(bytes);

        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_checksum_byte_fails_the_checksum()
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(5));
        bytes[12] ^= 0x80;

        Assert.Contains("checksum mismatch", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_magic_is_rejected()
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(5));
        bytes[0] = (byte)'X';

        var error = ReadFails(bytes);

        Assert.Contains("not a shard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_version_is_rejected()
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(5));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);

        Assert.Contains("version 2", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_001)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Absurd_count_is_rejected_before_allocating(int count)
    {
        byte[] bytes = Serialize(SyntheticCifar.Create(5));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(6), count);

        Assert.Contains($"image count {count}", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        byte[] bytes = [.. Serialize(SyntheticCifar.Create(5)), 0];

        Assert.Contains("after the 1 images", ReadFails(bytes).Message, StringComparison.Ordinal);
    }
}
