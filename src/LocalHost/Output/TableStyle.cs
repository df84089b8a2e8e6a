using Spectre.Console;

namespace FedAvg.LocalHost.Output;

/// <summary>How fedavg writes a table: rounded on a terminal; in plain output as Markdown, so a log or a paste is a table too.</summary>
internal static class TableStyle
{
    public static void Write(IAnsiConsole console, Table table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(table);
        if (HostConsole.IsLive(console))
        {
            console.Write(table.Border(TableBorder.Rounded));
            return;
        }

        // Spectre's Markdown border draws a blank row above and below the table; a log is better without them.
        using var text = new StringWriter();
        HostConsole.Plain(text).Write(table.Border(TableBorder.Markdown));
        foreach (string line in text.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
        {
            console.WriteLine(line);
        }
    }
}
