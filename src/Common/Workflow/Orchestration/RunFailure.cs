using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Why a run failed, in one readable line for <c>GET /api/runs/{id}</c>, <c>fedavg runs</c> and
/// <c>fedavg train</c>: the innermost cause of the orchestration's failure, named after the activity
/// it came from ("PrepareRun: Dirichlet partition of ..."), without the engine's wrapping.
/// </summary>
public static partial class RunFailure
{
    /// <summary>
    /// Why <paramref name="run"/> failed, or null when it has not. The Azure Storage backend behind the
    /// local sidecar keeps no failure details, only the failure's text as the run's output.
    /// </summary>
    public static string? Reason(OrchestrationMetadata run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Reason(run.FailureDetails) is { } reason)
        {
            return reason;
        }

        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Failed || string.IsNullOrWhiteSpace(run.SerializedOutput))
        {
            return null;
        }

        string text = run.SerializedOutput;
        try
        {
            text = JsonSerializer.Deserialize<string>(text) ?? text;
        }
        catch (JsonException)
        {
            // Not a JSON string: the text itself.
        }

        return Reason(new TaskFailureDetails("unknown", text, null, null, null));
    }

    public static string? Reason(TaskFailureDetails? failure)
    {
        if (failure is null)
        {
            return null;
        }

        string? task = null;
        var cause = failure;
        while (true)
        {
            if (TaskWrapper().Match(cause.ErrorMessage) is { Success: true } wrapped)
            {
                task ??= wrapped.Groups["task"].Value;
                if (cause.InnerFailure is null)
                {
                    return Line(task, wrapped.Groups["message"].Value);
                }
            }

            if (cause.InnerFailure is not { } inner)
            {
                return Line(task, cause.ErrorMessage);
            }

            cause = inner;
        }
    }

    private static string Line(string? task, string message)
    {
        string first = message.Split('\n', 2)[0].Trim();
        return task is null ? first : $"{task}: {first}";
    }

    // How Durable Task words an activity's (or sub-orchestration's) failure seen by its orchestrator.
    [GeneratedRegex(@"^Task '(?<task>[^']+)' \(#\d+\) failed with an unhandled exception: (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex TaskWrapper();
}
