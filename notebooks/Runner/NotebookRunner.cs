using System.Diagnostics;
using Microsoft.DotNet.Interactive.Commands;

namespace FedAvg.Notebooks;

/// <summary>
/// Runs a notebook's code cells in order on a fresh in-process C# kernel and stops at the first cell
/// that fails, as "Run All" does; optionally writes what the cells showed back into the file.
/// </summary>
public static class NotebookRunner
{
    /// <param name="progress">Told about each cell once it has run.</param>
    public static async Task<NotebookRun> RunAsync(string path, NotebookRunOptions options, IProgress<CellRun>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string fullPath = Path.GetFullPath(path);
        var document = await NotebookFile.ReadAsync(fullPath, cancellationToken);
        var code = document.Elements.Where(NotebookFile.IsCode).ToList();
        if (code.Count == 0)
        {
            throw new InvalidDataException($"{path} has no C# code cell.");
        }

        var cells = new List<CellRun>(code.Count);
        var total = Stopwatch.StartNew();
        using (ProcessState.Enter(Path.GetDirectoryName(fullPath)!, options.Environment))
        using (var kernel = NotebookKernel.Create())
        {
            foreach (var element in code)
            {
                var cell = await RunCellAsync(kernel, element.Contents, cells.Count + 1, code.Count, cancellationToken);
                cells.Add(cell);
                progress?.Report(cell);
                if (cell.Failed)
                {
                    break;
                }
            }
        }

        total.Stop();
        var run = new NotebookRun(fullPath, cells, code.Count, total.Elapsed);
        if (options.WriteOutputs && run.Succeeded)
        {
            for (int i = 0; i < code.Count; i++)
            {
                code[i].Outputs.Clear();
                code[i].Outputs.AddRange(cells[i].Outputs);
                code[i].ExecutionOrder = cells[i].Number;
            }

            await NotebookFile.WriteAsync(fullPath, document, cancellationToken);
        }

        return run;
    }

    private static async Task<CellRun> RunCellAsync(Microsoft.DotNet.Interactive.Kernel kernel, string code, int number, int of, CancellationToken cancellationToken)
    {
        var outputs = new CellOutputs();
        var watch = Stopwatch.StartNew();
        var result = await kernel.SendAsync(new SubmitCode(code), cancellationToken);
        watch.Stop();
        foreach (var kernelEvent in result.Events)
        {
            outputs.Add(kernelEvent, number);
        }

        return new CellRun(number, of, code, outputs.Outputs, watch.Elapsed, outputs.Error, outputs.ErrorDetails);
    }
}
