using Spectre.Console;

namespace FedAvg.LocalHost.Output;

/// <summary>
/// The Spectre console fedavg writes through: on a terminal everything Spectre detects (colour, live redraw);
/// anywhere else (a pipe, a file, CI) plain text: no ANSI escapes, no colour, nothing redrawn, wide enough
/// that a table never wraps.
/// </summary>
internal static class HostConsole
{
    /// <summary>Width of plain output: tables are only as wide as their cells, this only keeps Spectre from wrapping them.</summary>
    public const int PlainWidth = 240;

    public static IAnsiConsole For(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return IsTerminal(writer) ? Terminal(writer) : Plain(writer);
    }

    /// <summary>Plain text into <paramref name="writer"/>, whatever it is.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>Whether progress can be redrawn in place on <paramref name="console"/> (a terminal that takes ANSI).</summary>
    public static bool IsLive(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.Profile.Capabilities is { Interactive: true, Ansi: true };
    }

    private static IAnsiConsole Terminal(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

    // CI logs are files even when a runner fakes a terminal; CI=true is what .ci/run and most runners set.
    private static bool IsTerminal(TextWriter writer) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && ((ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected));
}
