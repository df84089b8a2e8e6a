using Microsoft.Net.Http.Headers;

namespace FedAvg.Common.Http;

/// <summary>One of the dashboard's files: its bytes, media type and entity tag (a hash of the bytes).</summary>
public sealed record DashboardFile(string Name, byte[] Content, string ContentType, EntityTagHeaderValue EntityTag);
