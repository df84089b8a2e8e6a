using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace FedAvg.Common.Http;

/// <summary>
/// The dashboard's files, embedded in this assembly (src/Common/Web/Dashboard), so both hosts serve
/// the same bytes and nothing is fetched from elsewhere at run time.
/// </summary>
public static class DashboardFiles
{
    public const string Index = "index.html";

    private const string Prefix = "Dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, DashboardFile>> Files = new(Load);

    public static IReadOnlyCollection<string> Names => Files.Value.Keys;

    public static DashboardFile? Find(string name) => Files.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, DashboardFile> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] content = copy.ToArray();
            string name = resource[Prefix.Length..];
            string type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            files[name] = new DashboardFile(name, content, type, tag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
