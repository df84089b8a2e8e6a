using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;

namespace FedAvg.LocalHost.Serve;

/// <summary>The management URLs of a run, pointing at this host's Durable-Functions-style routes.</summary>
internal static class LocalManagementUrls
{
    public static ManagementUrls For(HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        string origin = $"{request.Scheme}://{request.Host}";
        string instance = $"{origin}{DurableStatusEndpoints.Prefix}/{Uri.EscapeDataString(id)}";
        return new ManagementUrls(
            id,
            StatusQueryGetUri: instance,
            SendEventPostUri: $"{instance}/raiseEvent/{{eventName}}",
            TerminatePostUri: $"{instance}/terminate?reason={{text}}",
            PurgeHistoryDeleteUri: instance,
            RestartPostUri: null,
            SuspendPostUri: $"{instance}/suspend?reason={{text}}",
            ResumePostUri: $"{instance}/resume?reason={{text}}",
            RunUri: $"{origin}/api/runs/{Uri.EscapeDataString(id)}");
    }
}
