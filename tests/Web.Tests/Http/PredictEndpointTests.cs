using FedAvg.Common.Http;
using FedAvg.Common.Models;
using FedAvg.Common.Prediction;
using FedAvg.Common.Storage;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Training;
using TorchSharp;

namespace FedAvg.Common.Tests.Http;

[Collection(SerialCollection.Name)]
public sealed class PredictEndpointTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly PredictionService _predictions = new(fixture.Storage);

    public void Dispose() => _predictions.Dispose();

    [Fact]
    public async Task Real_test_images_sent_as_multipart_get_the_models_own_answer_and_beat_chance()
    {
        int[] expected = ModelArgmax(fixture.Test.Take(100));
        int correct = 0;
        for (int i = 0; i < 100; i++)
        {
            byte[] body = HttpHarness.Multipart("b0undary", "image", TestImages.Png(fixture.Test.Image(i)), "image/png");
            var (status, json, _) = await PostAsync(body, "multipart/form-data; boundary=b0undary");

            Assert.Equal(200, status);
            int index = json.GetProperty("classIndex").GetInt32();
            Assert.Equal(expected[i], index);
            Assert.Equal(FedAvg.Common.Data.CifarClasses.Names[index], json.GetProperty("label").GetString());
            double sum = json.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.InRange(sum, 0.999, 1.001);
            Assert.Equal(TrainedModelFixture.RunId, json.GetProperty("model").GetProperty("runId").GetString());
            Assert.Equal(1, json.GetProperty("model").GetProperty("round").GetInt32());
            correct += index == fixture.Test.Labels[i] ? 1 : 0;
        }

        Assert.True(correct >= 30, $"{correct}/100 correct: no better than chance");
    }

    [Fact]
    public async Task A_raw_png_or_jpeg_body_is_accepted_and_runId_selects_the_run()
    {
        var png = await PostAsync(TestImages.Png(fixture.Test.Image(0)), "image/png", query: $"?runId={TrainedModelFixture.RunId}");
        var jpeg = await PostAsync(TestImages.Jpeg(fixture.Test.Image(0)), "image/jpeg");

        Assert.Equal(200, png.Status);
        Assert.Equal(200, jpeg.Status);
        Assert.Equal(TrainedModelFixture.RunId, png.Body.GetProperty("model").GetProperty("runId").GetString());
    }

    [Fact]
    public async Task An_unknown_run_is_404_naming_runId()
    {
        var (status, json, type) = await PostAsync(TestImages.Png(fixture.Test.Image(0)), "image/png", query: "?runId=no-such-run");

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", type);
        Assert.True(json.GetProperty("errors").TryGetProperty("runId", out _));
    }

    [Fact]
    public async Task Without_any_trained_model_the_answer_is_409_not_500()
    {
        var empty = new FedAvgStorage(new Azure.Storage.Blobs.BlobServiceClient(fixture.ConnectionString), new StorageContainers("d-empty", "r-empty", "m-empty"));
        using var predictions = new PredictionService(empty);
        var context = HttpHarness.Request(TestImages.Png(fixture.Test.Image(0)), "image/png");

        var (status, json, _) = await HttpHarness.ExecuteAsync(await PredictEndpoint.HandleAsync(context.Request, predictions, default), context);

        Assert.Equal(409, status);
        Assert.Contains("No trained model", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string?, int> BadInputs()
    {
        byte[] png = TestImages.Png(new byte[3072]);
        byte[] jpeg = TestImages.Jpeg(new byte[3072]);
        return new TheoryData<string, byte[], string?, int>
        {
            { "empty body", [], "image/png", 400 },
            { "no content type", png, null, 400 },
            { "text", "hello"u8.ToArray(), "text/plain", 415 },
            { "not an image", Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray(), "image/png", 415 },
            { "truncated png", png[..(png.Length / 2)], "image/png", 400 },
            { "truncated jpeg", jpeg[..(jpeg.Length / 2)], "image/jpeg", 400 },
            { "decompression bomb", PngBomb(20000, 20000), "image/png", 400 },
            { "multipart without image", HttpHarness.Multipart("xx", "file", png, "image/png"), "multipart/form-data; boundary=xx", 400 },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_4xx_problem_naming_the_image_field_in_bounded_memory(string why, byte[] body, string? contentType, int expected)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var (status, json, type) = await PostAsync(body, contentType);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64L << 20, $"{why}: allocated too much");
        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", type);
        Assert.True(json.GetProperty("errors").TryGetProperty("image", out _), why);
    }

    [Fact]
    public async Task A_body_over_10_MB_is_413_whether_or_not_it_declares_its_length()
    {
        byte[] big = new byte[(10 << 20) + 100_000];
        TestImages.Png(new byte[3072]).CopyTo(big, 0);

        var declared = await PostAsync(big, "image/png");
        var undeclared = await PostAsync(big, "image/png", contentLength: -1);

        Assert.Equal(413, declared.Status);
        Assert.Equal(413, undeclared.Status);
        Assert.True(undeclared.Body.GetProperty("errors").TryGetProperty("image", out _));
    }

    private async Task<(int Status, System.Text.Json.JsonElement Body, string? ContentType)> PostAsync(
        byte[] body, string? contentType, string? query = null, long contentLength = 0)
    {
        var context = HttpHarness.Request(body, contentType, contentLength == -1 ? null : body.Length, query);
        if (contentLength == -1)
        {
            context.Request.ContentLength = null;
        }

        var result = await PredictEndpoint.HandleAsync(context.Request, _predictions, default);
        return await HttpHarness.ExecuteAsync(result, context);
    }

    private int[] ModelArgmax(FedAvg.Common.Data.CifarDataset images)
    {
        using var model = ModelCatalog.Create("seed-cnn", 0);
        fixture.Weights.CopyTo(model);
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.forward(CifarNormalization.ToTensor(images.Pixels));
        return logits.argmax(1).data<long>().ToArray().Select(v => (int)v).ToArray();
    }

    /// <summary>A tiny PNG whose header claims <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    private static byte[] PngBomb(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(output, "IHDR", ihdr);
        Chunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        byte[] length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typeAndData);
        byte[] crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, FedAvg.Common.Imaging.Crc32.Compute(typeAndData));
        output.Write(crc);
    }
}
