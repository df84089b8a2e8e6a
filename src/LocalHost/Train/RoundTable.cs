using System.Globalization;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Output;
using Spectre.Console;

namespace FedAvg.LocalHost.Train;

/// <summary>The per-round table <c>fedavg train</c> prints when a run completes, with the final accuracy and any failed clients below it.</summary>
internal static class RoundTable
{
    public static void Write(IAnsiConsole console, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        TableStyle.Write(console, Build(result));
        foreach (string line in Summary(result))
        {
            console.WriteLine(line);
        }
    }

    /// <summary>The same as plain text.</summary>
    public static string Format(RunResult result)
    {
        using var text = new StringWriter();
        Write(HostConsole.Plain(text), result);
        return text.ToString().TrimEnd();
    }

    public static Table Build(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table();
        table.AddColumn(new TableColumn("round").RightAligned());
        foreach (string header in (ReadOnlySpan<string>)["clients", "accuracy", "test loss", "train loss", "lr", "wall s", "train s", "img/s"])
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        // A DP-FedAvg run shows what each round spent, and the clip it held the updates to.
        bool privacy = result.History.Any(r => r.Privacy is not null);
        if (privacy)
        {
            table.AddColumn(new TableColumn("epsilon").RightAligned());
            table.AddColumn(new TableColumn("clip").RightAligned());
        }

        bool clientEvaluation = ClientEvaluationColumns.Shown(result);
        foreach (string header in clientEvaluation ? ClientEvaluationColumns.Headers : [])
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (RoundSummary round in result.History)
        {
            var cells = new List<Text>
            {
                Cell($"{round.Round}"),
                Cell($"{round.Clients.Count}"),
                Cell($"{round.TestAccuracy:P2}"),
                Cell($"{round.TestLoss:F4}"),
                Cell($"{round.TrainLoss:F4}"),
                Cell($"{round.LearningRate:G3}"),
                Cell($"{round.WallSeconds:F1}"),
                Cell($"{round.TrainSeconds:F1}"),
                Cell($"{round.ImagesPerSecond:F0}"),
            };
            if (privacy)
            {
                cells.Add(round.Privacy switch
                {
                    null => new Text(string.Empty),
                    { Epsilon: double epsilon } => Cell($"{epsilon:F3}"),
                    _ => new Text("unbounded"),
                });
                cells.Add(round.Privacy is { } dp ? Cell($"{dp.ClipNorm:G4}") : new Text(string.Empty));
            }

            cells.AddRange(clientEvaluation ? ClientEvaluationColumns.Cells(round).Select(c => new Text(c)) : []);
            table.AddRow(cells);
        }

        return table;
    }

    private static IEnumerable<string> Summary(RunResult result)
    {
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"final accuracy {result.FinalAccuracy:P2} after {result.Rounds} rounds of {result.Model} in {result.WallSeconds:F0} s");
        if (result.HostileClients is { Count: > 0 } hostile)
        {
            yield return $"simulated hostile clients: {string.Join(", ", hostile)}";
        }

        if (result.Strategy is { } strategy)
        {
            yield return strategy.Describe();
        }

        if (result.History.Count > 0 && result.History[^1].Privacy is { } spent)
        {
            yield return spent.Epsilon is double epsilon
                ? string.Create(CultureInfo.InvariantCulture, $"privacy spent: epsilon {epsilon:F3} at delta {spent.Delta:G3} after {result.History.Count} rounds")
                : "privacy spent: unbounded (dpNoiseMultiplier 0 clips without noise)";
        }

        if (result.FailedClients.Count > 0)
        {
            yield return $"{result.FailedClients.Count} client updates failed and were left out: " +
                string.Join("; ", result.FailedClients.Select(f => $"round {f.Round} client {f.Client}: {f.Reason}"));
        }
    }

    private static Text Cell(FormattableString value) => new(value.ToString(CultureInfo.InvariantCulture));
}
