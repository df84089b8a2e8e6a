using System.Globalization;
using System.Text;

namespace FedAvg.LocalHost.Runs;

/// <summary><c>fedavg runs</c> for a person: one line per run, newest first, columns aligned.</summary>
internal static class RunTable
{
    public static string Format(IReadOnlyList<RunListing> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        string[] header = ["id", "status", "created (UTC)", "rounds", "clients", "epochs", "model", "progress"];
        var rows = runs.Select(Row).Prepend(header).ToList();
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length))];
        var text = new StringBuilder();
        foreach (string[] row in rows)
        {
            // The last column is free text: no padding after it.
            string line = string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column])));
            text.AppendLine(line.TrimEnd());
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"round 2/3 training, 38.5 % after round 1": how far the run got.</summary>
    public static string Progress(RunListing run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Phase is null)
        {
            return run.Unfinished ? "not started" : "-";
        }

        int rounds = run.Request?.Rounds ?? 0;
        string accuracy = run.Accuracy is double value
            ? string.Create(CultureInfo.InvariantCulture, $", {value:P1} after round {run.RoundsDone}")
            : string.Empty;
        return run.Phase == "completed"
            ? $"{run.RoundsDone}/{rounds} rounds{accuracy}"
            : $"round {run.Round}/{rounds} {run.Phase}{accuracy}";
    }

    private static string[] Row(RunListing run)
    {
        var request = run.Request;
        return
        [
            run.Id,
            run.Status,
            run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Number(request?.Rounds),
            request is null ? "?" : $"{request.EffectiveClientsPerRound} of {request.Clients}",
            Number(request?.LocalEpochs),
            request?.Model ?? "?",
            Progress(run),
        ];
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
