namespace FedAvg.Common.Http;

/// <summary>
/// The Durable Functions management payload (same names and meaning), plus where to read the run's
/// FedAvg view. Each host fills it with its own URLs.
/// </summary>
public sealed record ManagementUrls(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string? RestartPostUri,
    string? SuspendPostUri,
    string? ResumePostUri,
    string RunUri);
