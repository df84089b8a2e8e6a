using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FedAvg.Common.Http;

/// <summary>
/// The continuation token <c>GET /api/runs</c> hands out: the page cursor (<see cref="FedAvg.Common.Orchestration.RunsCursor"/>) plus a
/// check value, so a token that was cut short or mistyped is refused at the edge, naming the
/// parameter, instead of reaching the backend (whose error would be a 500).
/// </summary>
public static class PageToken
{
    /// <summary>Longer than any token a backend gives; longer input is refused unread.</summary>
    public const int MaxLength = 8192;

    private const int CheckBytes = 8;

    public static string Encode(string backendToken)
    {
        ArgumentNullException.ThrowIfNull(backendToken);
        byte[] token = Encoding.UTF8.GetBytes(backendToken);
        return Base64Url.EncodeToString([.. token, .. Check(token)]);
    }

    /// <returns>The backend's token, or null when <paramref name="token"/> is not one <see cref="Encode"/> made.</returns>
    public static string? Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        byte[] bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length <= CheckBytes)
        {
            return null;
        }

        var backend = bytes.AsSpan(0, bytes.Length - CheckBytes);
        return Check(backend).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - CheckBytes))
            ? Encoding.UTF8.GetString(backend)
            : null;
    }

    private static byte[] Check(ReadOnlySpan<byte> token) => SHA256.HashData(token)[..CheckBytes];
}
