using System.Net;
using System.Net.Http.Headers;

namespace FedAvg.Common.Tests.Data;

/// <summary>Serves one byte array like a static file server with Range support, and can misbehave on demand.</summary>
public sealed class FakeArchiveHandler(byte[] body) : HttpMessageHandler
{
    public List<RangeHeaderValue?> Ranges { get; } = [];

    /// <summary>Throw as a DNS failure does, before any response.</summary>
    public bool Offline { get; set; }

    /// <summary>The next response's body breaks off with an IOException after this many bytes.</summary>
    public int? BreakAfterBytes { get; set; }

    public bool IgnoreRange { get; set; }

    public HttpStatusCode? Status { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Ranges.Add(request.Headers.Range);
        if (Offline)
        {
            throw new HttpRequestException("Name or service not known (www.cs.toronto.edu:443)");
        }

        if (Status is HttpStatusCode status)
        {
            return Task.FromResult(new HttpResponseMessage(status) { ReasonPhrase = "Not Found" });
        }

        long from = IgnoreRange ? 0 : request.Headers.Range?.Ranges.Single().From ?? 0;
        if (from >= body.Length)
        {
            var refused = new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) { Content = new ByteArrayContent([]) };
            refused.Content.Headers.ContentRange = new ContentRangeHeaderValue(body.Length);
            return Task.FromResult(refused);
        }

        byte[] slice = body[(int)from..];
        Stream stream = BreakAfterBytes is int limit ? new FedAvg.Common.Tests.Fixtures.ForwardOnlyStream(slice, breakAfter: limit) : new MemoryStream(slice);
        BreakAfterBytes = null;
        var content = new StreamContent(stream);
        content.Headers.ContentLength = slice.Length;
        var response = new HttpResponseMessage(from > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK) { Content = content };
        if (from > 0)
        {
            content.Headers.ContentRange = new ContentRangeHeaderValue(from, body.Length - 1, body.Length);
        }

        return Task.FromResult(response);
    }
}
