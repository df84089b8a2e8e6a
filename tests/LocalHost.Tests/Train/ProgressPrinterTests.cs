using System.Text.RegularExpressions;
using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Output;
using FedAvg.LocalHost.Train;
using Spectre.Console.Testing;

namespace FedAvg.LocalHost.Tests.Train;

public sealed partial class ProgressPrinterTests
{
    private static readonly TrainingRequest Request = new() { Rounds = 2, Clients = 100, ClientsPerRound = 100 };

    [Fact]
    public void Redirected_output_is_plain_lines_per_phase_without_escapes()
    {
        using var output = new StringWriter();
        var printer = new ProgressPrinter(HostConsole.For(output), new ManualClock(RunStates.Created));

        foreach (var state in RunStates.WholeRun(rounds: 2, clients: 2, Request with { Clients = 2, ClientsPerRound = 2 }))
        {
            printer.Show(state);
        }

        printer.Finish();
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.Equal(
        [
            "starting",
            "preparing: data set into storage, dirichlet partition over 2 clients",
            "round 1/2 training clients 0,1",
            "round 1/2 training clients 0,1 (1/2 done, 1000 img/s)",
            "round 1/2 training clients 0,1 (2/2 done, 1000 img/s)",
            "round 1/2 aggregating the updates",
            "round 1/2 evaluating the global model",
            "round 1/2 done: accuracy 20.00 %, loss 1.5000, 30.0 s",
            "round 2/2 training clients 0,1",
            "round 2/2 training clients 0,1 (1/2 done, 1000 img/s)",
            "round 2/2 training clients 0,1 (2/2 done, 1000 img/s)",
            "round 2/2 aggregating the updates",
            "round 2/2 evaluating the global model",
            "round 2/2 done: accuracy 40.00 %, loss 1.5000, 30.0 s",
            "round 2/2 completed",
        ],
        Lines(output.ToString()));
    }

    [Fact]
    public void A_status_holding_only_the_latest_rounds_still_gets_a_line_for_each_round_it_finishes()
    {
        using var output = new StringWriter();
        var printer = new ProgressPrinter(HostConsole.For(output), new ManualClock(RunStates.Created));
        const int rounds = RunStatus.HistoryLimit + 5;
        List<RoundSummary> Window(int last) => [.. Enumerable.Range(last - RunStatus.HistoryLimit + 1, RunStatus.HistoryLimit).Select(r => RunStates.Round(r, 0.01 * r))];

        // Joined at round 26 (a resumed run): what came before is not repeated; the window then slides by one round.
        printer.Show(RunStates.Of(RunStates.Status("training", RunStatus.HistoryLimit + 1, rounds, [0, 1], Window(RunStatus.HistoryLimit)), Request));
        printer.Show(RunStates.Of(RunStates.Status("training", RunStatus.HistoryLimit + 2, rounds, [0, 1], Window(RunStatus.HistoryLimit + 1)), Request));

        string[] done = [.. Lines(output.ToString()).Where(line => line.Contains(" done: ", StringComparison.Ordinal))];
        Assert.Equal([$"round {RunStatus.HistoryLimit + 1}/{rounds} done: accuracy 26.00 %, loss 1.5000, 30.0 s"], done);
    }

    [Fact]
    public void Many_clients_in_plain_output_are_counted_in_a_line_per_quarter_never_listed()
    {
        using var output = new StringWriter();
        var printer = new ProgressPrinter(HostConsole.For(output), new ManualClock(RunStates.Created));

        foreach (var state in RunStates.WholeRun(rounds: 1, clients: 100, Request))
        {
            printer.Show(state);
        }

        string[] training = [.. Lines(output.ToString()).Where(line => line.Contains("training", StringComparison.Ordinal))];
        Assert.Equal(
        [
            "round 1/1 training 100 clients",
            "round 1/1 training 100 clients (25/100 done, 1000 img/s)",
            "round 1/1 training 100 clients (50/100 done, 1000 img/s)",
            "round 1/1 training 100 clients (75/100 done, 1000 img/s)",
            "round 1/1 training 100 clients (100/100 done, 1000 img/s)",
        ],
        training);
        Assert.DoesNotMatch(IdList(), output.ToString());
    }

    [Fact]
    public void On_a_terminal_many_clients_are_one_live_summary_line_and_never_the_list_of_ids()
    {
        var console = Terminal();
        var printer = new ProgressPrinter(console, new ManualClock(RunStates.Created));

        foreach (var state in RunStates.WholeRun(rounds: 2, clients: 100, Request).Take(40))
        {
            printer.Show(state);
        }

        printer.Finish();
        string screen = Unescaped(console.Output);
        Assert.Contains("round 1/2 training 100 clients (37/100 done, 1000 img/s)", screen, StringComparison.Ordinal);
        Assert.Contains("━", screen, StringComparison.Ordinal);
        Assert.DoesNotMatch(IdList(), screen);
        // Redrawn in place: the cursor is moved back up over the display for each frame.
        Assert.Matches(CursorUp(), console.Output);
    }

    [Fact]
    public void On_a_terminal_each_finished_round_is_a_line_above_the_display_with_the_ETA_from_the_mean_round()
    {
        var clock = new ManualClock(RunStates.Created);
        var console = Terminal();
        var printer = new ProgressPrinter(console, clock);
        var states = RunStates.WholeRun(rounds: 3, clients: 2, Request with { Rounds = 3 }).ToList();
        int firstOfRound2 = states.FindIndex(s => s.SerializedCustomStatus is not null && s.ReadCustomStatusAs<RunStatus>()!.Round == 2);

        foreach (var state in states.Take(firstOfRound2 + 1))
        {
            clock.Now = RunStates.Created.AddSeconds(45);
            printer.Show(state);
        }

        printer.Finish();
        string screen = Unescaped(console.Output);
        Assert.Contains("round 1/3 done: accuracy 20.00 %, loss 1.5000, 30.0 s", screen, StringComparison.Ordinal);
        // One round of 30 s done and two to go, the second just started: 60 s left.
        Assert.Contains("1/3 rounds | accuracy 20.0 % after round 1 | elapsed 0:45 | ETA 1:00", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_round_of_few_clients_names_them()
    {
        var status = RunStates.Status("training", 3, 10, [4, 0, 7], [], finished: 1);

        Assert.Equal("round 3/10 training clients 4,0,7 (1/3 done, 1000 img/s)", ProgressText.Phase(status, request: null));
    }

    private static TestConsole Terminal() => new TestConsole().Interactive().SupportsAnsi(true).EmitAnsiSequences().Width(160);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Unescaped(string text) => Escape().Replace(text, string.Empty);

    // Three or more ids in a row: "0,1,2".
    [GeneratedRegex(@"\d+,\d+,\d+")]
    private static partial Regex IdList();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\x1b\[\d*A")]
    private static partial Regex CursorUp();
}
