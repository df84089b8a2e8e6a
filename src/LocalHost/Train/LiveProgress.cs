using Spectre.Console;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// The live part of <see cref="ProgressPrinter"/> on a terminal: a Spectre progress display with a bar for the
/// run's rounds and one for the current phase (the round's clients while it trains), finished rounds printed
/// above it as lines. Redrawn on every update rather than on a timer, so nothing renders from another thread.
/// </summary>
internal sealed class LiveProgress
{
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IAnsiConsole _console;
    private readonly Task _display;
    private readonly ProgressContext _context;
    private readonly ProgressTask _run;
    private ProgressTask? _phase;
    private string? _phaseKey;

    public LiveProgress(IAnsiConsole console, TimeProvider clock)
    {
        _console = console;
        var progress = new Progress(console, clock) { AutoRefresh = false, AutoClear = false, HideCompleted = true };
        progress.Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new SpinnerColumn());
        ProgressContext? context = null;
        // Spectre runs the delegate at once and keeps the display until the task it returns completes: Stop.
        _display = progress.StartAsync(started =>
        {
            context = started;
            return _stop.Task;
        });
        _context = context ?? throw new InvalidOperationException("The progress display did not start.", _display.Exception);
        _run = _context.AddTask("starting", autoStart: true, maxValue: 1);
    }

    /// <param name="phaseKey">Which phase this is; a new key finishes the previous phase's bar and starts another.</param>
    /// <param name="total">The phase's units (the round's clients), or null while it has none to count.</param>
    public void Show(string headline, int roundsDone, int rounds, string phaseKey, string phaseText, int done, int? total)
    {
        _run.Description = Markup.Escape(headline);
        _run.MaxValue = Math.Max(rounds, 1);
        _run.Value = roundsDone;
        if (_phaseKey != phaseKey || _phase is null)
        {
            Complete(_phase);
            _phase = _context.AddTask(Markup.Escape(phaseText), autoStart: true, maxValue: total ?? 1);
            _phase.IsIndeterminate = total is null;
            _phaseKey = phaseKey;
        }

        _phase.Description = Markup.Escape(phaseText);
        if (total is { } units)
        {
            _phase.MaxValue = Math.Max(units, 1);
            _phase.Value = done;
        }

        _context.Refresh();
    }

    /// <summary>Finishes every bar: the run is done, its rounds are in the lines above.</summary>
    public void Complete()
    {
        Complete(_phase);
        Complete(_run);
        _context.Refresh();
    }

    /// <summary>A line above the live display, kept in the terminal's scrollback.</summary>
    public void WriteLine(string line)
    {
        _console.WriteLine(line);
        _context.Refresh();
    }

    /// <summary>Ends the display, leaving its last frame and the cursor on a fresh line.</summary>
    public void Stop()
    {
        _stop.TrySetResult();
        _display.GetAwaiter().GetResult();
    }

    private static void Complete(ProgressTask? task)
    {
        if (task is not null)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
