using System.Globalization;
using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Http;

/// <summary>
/// <c>GET /api/runs?pageSize=&amp;continuationToken=&amp;status=</c>: the runs a page at a time,
/// filtered by status, each with its request and progress (as <c>fedavg runs --json</c> lists them).
/// </summary>
public static class RunsEndpoint
{
    public const string PageSize = "pageSize";
    public const string ContinuationToken = "continuationToken";
    public const string Status = "status";

    // The Functions host accepts the function key as ?code=; it is the host's, not a filter.
    private const string FunctionKey = "code";

    private static readonly string[] Parameters = [PageSize, ContinuationToken, Status, FunctionKey];

    /// <summary>What the parameters mean, for the API description of both hosts.</summary>
    public static string Description { get; } =
        $"{PageSize}: {RunsQuery.MinPageSize}-{RunsQuery.MaxPageSize} (default {RunsQuery.DefaultPageSize}); " +
        $"{ContinuationToken}: from the previous page; {Status}: any of {string.Join(", ", RunQueries.ListedStatuses)} " +
        "(repeated or comma-separated). Pages follow the durable backend's order; each page is newest first.";

    public static async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (query, errors) = Read(request.Query);
        if (query is null)
        {
            return Problems.Fields(StatusCodes.Status400BadRequest, "Invalid runs query", errors);
        }

        var page = await RunQueries.PageAsync(client, query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(
            page with { ContinuationToken = page.ContinuationToken is { } next ? PageToken.Encode(next) : null },
            JsonDefaults.Options);
    }

    /// <summary>The query, or null and an error for each parameter at fault.</summary>
    public static (RunsQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string unknown in parameters.Keys.Where(key => !Parameters.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            errors[Shorten(unknown)] = [$"is not a parameter of GET /api/runs (use {PageSize}, {ContinuationToken}, {Status})"];
        }

        int pageSize = RunsQuery.DefaultPageSize;
        if (Single(parameters, PageSize, errors) is { } size
            && !(int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
                && pageSize is >= RunsQuery.MinPageSize and <= RunsQuery.MaxPageSize))
        {
            errors[PageSize] = [$"must be a whole number from {RunsQuery.MinPageSize} to {RunsQuery.MaxPageSize}, not '{Shorten(size)}'"];
        }

        string? cursor = null;
        if (Single(parameters, ContinuationToken, errors) is { Length: > 0 } token)
        {
            cursor = PageToken.Decode(token);
            if (cursor is null || RunsCursor.Parse(cursor) is null)
            {
                errors[ContinuationToken] = ["is not a continuation token from a previous page of GET /api/runs"];
            }
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (string name in parameters[Status].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            OrchestrationRuntimeStatus? status = RunQueries.ListedStatuses
                .Cast<OrchestrationRuntimeStatus?>()
                .FirstOrDefault(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase));
            if (status is null)
            {
                errors[Status] = [$"'{Shorten(name)}' is not one of {string.Join(", ", RunQueries.ListedStatuses)}"];
                break;
            }

            if (!statuses.Contains(status.Value))
            {
                statuses.Add(status.Value);
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RunsQuery(pageSize, cursor, statuses.Count > 0 ? statuses : null), errors);
    }

    private static string? Single(IQueryCollection parameters, string name, Dictionary<string, string[]> errors)
    {
        var values = parameters[name];
        if (values.Count > 1)
        {
            errors[name] = ["must be given once"];
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
