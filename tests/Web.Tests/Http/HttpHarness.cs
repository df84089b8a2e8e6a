using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FedAvg.Common.Tests.Http;

/// <summary>Runs a shared handler on a real HttpContext and reads back what it wrote.</summary>
internal static class HttpHarness
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    public static HttpContext Request(byte[] body, string? contentType, long? contentLength = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentType = contentType;
        context.Request.ContentLength = contentLength ?? body.Length;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static async Task<(int Status, JsonElement Body, string? ContentType)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone(), context.Response.ContentType);
    }

    public static byte[] Multipart(string boundary, string field, byte[] file, string fileContentType, (string Name, string Value)? extra = null)
    {
        using var output = new MemoryStream();
        void Write(string text) => output.Write(System.Text.Encoding.UTF8.GetBytes(text));
        if (extra is { } pair)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{pair.Name}\"\r\n\r\n{pair.Value}\r\n");
        }

        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"image.png\"\r\nContent-Type: {fileContentType}\r\n\r\n");
        output.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        return output.ToArray();
    }
}
