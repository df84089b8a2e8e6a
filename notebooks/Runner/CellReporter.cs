using System.Globalization;

namespace FedAvg.Notebooks;

/// <summary>One line a cell as soon as it has run (not through Progress&lt;T&gt;, whose reports arrive later, after the summary).</summary>
internal sealed class CellReporter(TextWriter output) : IProgress<CellRun>
{
    public void Report(CellRun value)
    {
        ArgumentNullException.ThrowIfNull(value);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cell {value.Number}/{value.CodeCells} {(value.Failed ? "failed" : "ok")} in {value.Duration.TotalSeconds:F1} s: {value.Title}"));
    }
}
