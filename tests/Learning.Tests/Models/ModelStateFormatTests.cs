using System.Buffers.Binary;
using FedAvg.Common.Models;
using FedAvg.Common.Tests.TestData;

namespace FedAvg.Common.Tests.Models;

public sealed class ModelStateFormatTests
{
    private const string Source = "runs/r1/global/round-3.bin";

    [Fact]
    public void Round_trip_is_bit_exact_including_special_values()
    {
        var weights = SmallWeights();

        WeightsAssert.BitIdentical(weights, ModelStateFormat.Read(new MemoryStream(Write(weights)), Source));
    }

    [Fact]
    public void Round_trip_of_a_real_model_is_bit_exact()
    {
        using var model = ModelCatalog.Create("seed-cnn", 5);
        var weights = ModelWeights.FromModule(model, "seed-cnn");

        byte[] bytes = Write(weights);

        WeightsAssert.BitIdentical(weights, ModelStateFormat.Read(new MemoryStream(bytes), Source, "seed-cnn"));
        Assert.InRange(bytes.Length, weights.ByteCount, weights.ByteCount + 4096);
    }

    [Fact]
    public void Wrong_architecture_is_rejected_naming_source_and_both_architectures()
    {
        byte[] bytes = Write(SmallWeights());

        var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(bytes), Source, "seed-cnn"));

        Assert.Contains(Source, error.Message, StringComparison.Ordinal);
        Assert.Contains("tiny", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed-cnn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_version_is_rejected()
    {
        byte[] bytes = Write(SmallWeights());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);

        var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(bytes), Source));

        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(Source, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_else_is_not_taken_for_a_model()
    {
        var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream("PK\u0003\u0004 a zip"u8.ToArray()), Source));

        Assert.Contains("not a model state file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_is_rejected_naming_the_source()
    {
        byte[] bytes = Write(SmallWeights());
        for (int length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(bytes[..length]), Source));
            Assert.Contains(Source, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_flipped_byte_is_detected()
    {
        byte[] bytes = Write(SmallWeights());
        for (int position = 0; position < bytes.Length; position++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[position] ^= 0x10;
            var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(corrupt), Source));
            Assert.Contains(Source, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_flipped_data_byte_fails_the_checksum()
    {
        byte[] bytes = Write(SmallWeights());
        bytes[^40] ^= 1;

        var error = Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(bytes), Source));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        byte[] bytes = [.. Write(SmallWeights()), 0];

        Assert.Throws<ModelStateException>(() => ModelStateFormat.Read(new MemoryStream(bytes), Source));
    }

    private static byte[] Write(ModelWeights weights)
    {
        using var stream = new MemoryStream();
        ModelStateFormat.Write(stream, weights);
        return stream.ToArray();
    }

    private static ModelWeights SmallWeights() => new("tiny",
    [
        WeightTensor.FromFloats("conv.weight", [2, 1, 2], WeightKind.Parameter, [1.5f, -0f, float.Epsilon, float.MaxValue]),
        WeightTensor.FromFloats("odd", [2], WeightKind.Parameter, [BitConverter.Int32BitsToSingle(0x7FC0_1234), float.NegativeInfinity]),
        WeightTensor.FromFloats("bn.running_var", [3], WeightKind.FloatBuffer, [0.25f, 1f, 4f]),
        WeightTensor.FromIntegers("bn.num_batches_tracked", [], [long.MaxValue - 1]),
        WeightTensor.FromFloats("empty", [0, 4], WeightKind.Parameter, []),
    ]);
}
