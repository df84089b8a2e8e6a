using System.Globalization;
using FedAvg.LocalHost.Output;
using Spectre.Console;

namespace FedAvg.LocalHost.Runs;

/// <summary><c>fedavg runs</c> for a person: a table of the runs, newest first, the status in colour on a terminal.</summary>
internal static class RunTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<RunListing> runs)
    {
        ArgumentNullException.ThrowIfNull(console);
        TableStyle.Write(console, Build(runs));
    }

    /// <summary>The same as plain text.</summary>
    public static string Format(IReadOnlyList<RunListing> runs)
    {
        using var text = new StringWriter();
        Write(HostConsole.Plain(text), runs);
        return text.ToString().TrimEnd();
    }

    public static Table Build(IReadOnlyList<RunListing> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table();
        table.AddColumns("id", "status", "created (UTC)");
        table.AddColumn(new TableColumn("rounds").RightAligned());
        table.AddColumn(new TableColumn("clients").RightAligned());
        table.AddColumn(new TableColumn("epochs").RightAligned());
        table.AddColumns("model", "progress");
        foreach (RunListing run in runs)
        {
            var request = run.Request;
            table.AddRow(
                new Text(run.Id),
                new Text(run.Status, StatusStyle(run)),
                new Text(run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                new Text(Number(request?.Rounds)),
                new Text(request is null ? "?" : $"{request.EffectiveClientsPerRound} of {request.Clients}"),
                new Text(Number(request?.LocalEpochs)),
                new Text(request?.Model ?? "?"),
                new Text(Progress(run)));
        }

        return table;
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

    // Colour only says what the word already says; plain output has none.
    private static Style StatusStyle(RunListing run) => run.Status switch
    {
        "Completed" => new Style(Color.Green),
        "Failed" => new Style(Color.Red),
        "Terminated" => new Style(Color.Grey),
        _ when run.Unfinished => new Style(Color.Yellow),
        _ => Style.Plain,
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
