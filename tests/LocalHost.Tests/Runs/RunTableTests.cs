using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Runs;
using Spectre.Console.Testing;

namespace FedAvg.LocalHost.Tests.Runs;

public sealed class RunTableTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly TrainingRequest Request = new() { Rounds = 3, Clients = 5, ClientsPerRound = 2, LocalEpochs = 1 };

    private static readonly RunListing[] Runs =
    [
        new("b1", "Running", true, Created, Created, Request, "training", 2, 1, 0.255, null),
        new("a22", "Completed", false, Created, Created, Request, "completed", 3, 3, 0.41, null),
        new("c3", "Pending", true, Created, Created, null, null, null, 0, null, null),
    ];

    [Fact]
    public void Plain_text_is_a_markdown_table_one_row_per_run_with_its_request_and_progress()
    {
        string[] lines = RunTable.Format(Runs).Split(Environment.NewLine);

        Assert.Equal(5, lines.Length);
        Assert.Equal(["id", "status", "created (UTC)", "rounds", "clients", "epochs", "model", "progress"], Cells(lines[0]));
        Assert.Matches(@"^\|[-:| ]+\|$", lines[1]);
        Assert.Equal(["b1", "Running", "2025-03-04 05:06:07", "3", "2 of 5", "1", "seed-cnn", "round 2/3 training, 25.5 % after round 1"], Cells(lines[2]));
        Assert.Equal(["a22", "Completed", "2025-03-04 05:06:07", "3", "2 of 5", "1", "seed-cnn", "3/3 rounds, 41.0 % after round 3"], Cells(lines[3]));
        Assert.Equal(["c3", "Pending", "2025-03-04 05:06:07", "?", "?", "?", "?", "not started"], Cells(lines[4]));
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
    }

    [Fact]
    public void On_a_terminal_the_table_has_a_border_and_the_status_its_colour()
    {
        var console = new TestConsole().Interactive().SupportsAnsi(true).Colors(Spectre.Console.ColorSystem.TrueColor).EmitAnsiSequences().Width(200);

        RunTable.Write(console, Runs);

        Assert.Contains("╭", console.Output, StringComparison.Ordinal);
        // Spectre's standard colours as ANSI foregrounds: green (2) for done, yellow (11) for unfinished.
        Assert.Contains("\u001b[38;5;2mCompleted\u001b[0m", console.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[38;5;11mRunning\u001b[0m", console.Output, StringComparison.Ordinal);
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(cell => cell.Trim())];
}
