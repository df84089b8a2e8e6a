using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Why a run failed, in one readable line for <c>GET /api/runs/{id}</c>, <c>fedavg runs</c> and
/// <c>fedavg train</c>: the innermost cause of the orchestration's failure, named after the activity
/// it came from ("PrepareRun: Dirichlet partition of ..."), without the engine's wrapping.
/// </summary>
public static partial class RunFailure
{
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
