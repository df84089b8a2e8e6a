namespace FedAvg.Notebooks;

/// <summary>A notebook's code cells as far as they ran: all of them, or up to and including the first that failed.</summary>
public sealed record NotebookRun(string Path, IReadOnlyList<CellRun> Cells, int CodeCells, TimeSpan Duration)
{
    public CellRun? Failure => Cells.FirstOrDefault(cell => cell.Failed);

    public bool Succeeded => Failure is null && Cells.Count == CodeCells;
}
