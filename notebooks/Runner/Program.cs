using System.CommandLine;
using System.Globalization;
using FedAvg.Notebooks;

var notebook = new Argument<FileInfo>("notebook") { Description = "The .ipynb whose C# cells to run." }.AcceptExistingOnly();
var write = new Option<bool>("--write") { Description = "Write the outputs into the notebook, once every cell has succeeded." };
var verbose = new Option<bool>("--verbose") { Description = "Show a failed cell's stack trace." };
var root = new RootCommand("Runs a C# notebook's cells in order on an in-process .NET Interactive kernel, as Run All does, and stops at the first that fails.")
{
    notebook, write, verbose,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var path = parse.GetValue(notebook)!;
    var progress = new CellReporter(Console.Error);
    NotebookRun run;
    try
    {
        run = await NotebookRunner.RunAsync(path.FullName, new NotebookRunOptions { WriteOutputs = parse.GetValue(write) }, progress, cancellationToken);
    }
    catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException && !parse.GetValue(verbose))
    {
        // Not a notebook, or not one that can be read or written back: the file's fault, not a cell's.
        await Console.Error.WriteLineAsync($"fedavg-notebook: {path.Name}: {e.Message}");
        return 1;
    }

    if (run.Failure is { } failed)
    {
        string message = parse.GetValue(verbose) ? failed.ErrorDetails! : failed.Error!.Split('\n')[0].Trim();
        await Console.Error.WriteLineAsync($"fedavg-notebook: cell {failed.Number} of {failed.CodeCells} ({failed.Title}) failed: {message}");
        return 1;
    }

    string written = parse.GetValue(write) ? ", outputs written" : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"fedavg-notebook: {path.Name}: {run.Cells.Count} cells in {run.Duration.TotalSeconds:F0} s{written}"));
    return 0;
});

return await root.Parse(args).InvokeAsync();
