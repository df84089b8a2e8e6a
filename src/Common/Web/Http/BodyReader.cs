using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Http;

/// <summary>Reads a request body up to a limit without trusting Content-Length.</summary>
public static class BodyReader
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static bool DeclaresMoreThan(HttpRequest request, long maxBytes) =>
        request?.ContentLength is long length && length > maxBytes;
}
