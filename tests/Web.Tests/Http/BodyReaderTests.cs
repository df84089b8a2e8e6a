using FedAvg.Common.Http;
using FedAvg.Common.Tests.Fixtures;

namespace FedAvg.Common.Tests.Http;

public sealed class BodyReaderTests
{
    [Fact]
    public async Task An_endless_body_is_refused_after_reading_little_more_than_the_limit()
    {
        using var endless = new ForwardOnlyStream(new byte[4096], endless: true);

        byte[]? body = await BodyReader.ReadAsync(endless, maxBytes: 100_000, CancellationToken.None);

        Assert.Null(body);
        // One read chunk past the limit at most: an endless or oversized upload costs bounded memory.
        Assert.InRange(endless.BytesServed, 100_001, 100_000 + 81_920);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read_whole_from_a_stream_that_serves_it_in_small_pieces()
    {
        byte[] content = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        using var stream = new ForwardOnlyStream(content, maxRead: 7);

        byte[]? body = await BodyReader.ReadAsync(stream, maxBytes: content.Length, CancellationToken.None);

        Assert.Equal(content, body);
    }
}
