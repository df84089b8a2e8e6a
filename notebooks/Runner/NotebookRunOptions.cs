namespace FedAvg.Notebooks;

/// <summary>How to run a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Write the outputs into the .ipynb, replacing the old ones, once every cell has succeeded.</summary>
    public bool WriteOutputs { get; init; }

    /// <summary>
    /// Environment variables set (a null value: removed) while the notebook runs and restored afterwards:
    /// the knobs the notebook reads, and whatever its child processes must not inherit.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
