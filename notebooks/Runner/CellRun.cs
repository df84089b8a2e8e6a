using Microsoft.DotNet.Interactive.Documents;

namespace FedAvg.Notebooks;

/// <summary>One code cell as it ran: its place among the notebook's code cells, what it showed, and its error if it failed.</summary>
public sealed record CellRun(
    int Number,
    int CodeCells,
    string Code,
    IReadOnlyList<InteractiveDocumentOutputElement> Outputs,
    TimeSpan Duration,
    string? Error,
    string? ErrorDetails)
{
    public bool Failed => Error is not null;

    /// <summary>The cell's first line of code, to name it in a message.</summary>
    public string Title => Code.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "(empty)";
}
