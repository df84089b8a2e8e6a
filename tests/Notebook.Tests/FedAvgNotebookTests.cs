using System.Diagnostics;
using System.Text.Json;
using FedAvg.LocalHost.Tests.EndToEnd;
using Microsoft.DotNet.Interactive.Documents;

namespace FedAvg.Notebooks.Tests;

/// <summary>notebooks/fedavg.ipynb itself: every cell runs on a slice of the real data, and the committed file shows a whole run's outputs.</summary>
public sealed class FedAvgNotebookTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("fedavg-notebook-state-");

    [Fact]
    public async Task Every_cell_runs_on_a_slice_of_the_real_data_and_leaves_no_process_behind()
    {
        var run = await NotebookRunner.RunAsync(NotebookPaths.Notebook, new NotebookRunOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["FEDAVG_DATA"] = RepoPaths.CifarData,
                ["FEDAVG_NOTEBOOK_TRAIN_LIMIT"] = "1000",
                ["FEDAVG_NOTEBOOK_TEST_LIMIT"] = "500",
                ["FEDAVG_NOTEBOOK_ROUNDS"] = "2",
                ["FEDAVG_NOTEBOOK_EPOCHS"] = "1",
                ["FEDAVG_NOTEBOOK_STATE"] = _state.FullName,
                // The notebook points these at its own state; they are put back afterwards.
                ["FEDAVG_STATE"] = null,
                ["AzureWebJobsStorage"] = null,
                // make test's setting for the in-memory engine tests; fedavg serve must see the real core count.
                ["DOTNET_PROCESSOR_COUNT"] = null,
            },
        });

        Assert.True(run.Succeeded, run.Failure is { } failed ? $"cell {failed.Number} ({failed.Title}) failed: {failed.ErrorDetails}" : "not every cell ran");

        // The sample images, the heat map, the accuracy chart and the classified test images.
        var pngs = run.Cells.SelectMany(cell => cell.Outputs).OfType<DisplayElement>()
            .Where(display => display.Data.ContainsKey("image/png"))
            .Select(display => Convert.FromBase64String((string)display.Data["image/png"]))
            .ToList();
        Assert.True(pngs.Count >= 4, $"{pngs.Count} PNG outputs");
        Assert.All(pngs, png => Assert.Equal(PngSignature, png[..4]));

        // The durable engine, Azurite and fedavg serve have all stopped.
        Assert.Empty(ProcessesMentioning(_state.FullName));
    }

    [Fact]
    public void The_committed_notebook_carries_the_outputs_of_a_complete_run()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(NotebookPaths.Notebook));
        var code = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .ToList();
        var outputs = code.SelectMany(cell => cell.GetProperty("outputs").EnumerateArray()).ToList();
        string text = string.Concat(outputs.Where(o => o.TryGetProperty("text", out _)).Select(o => NotebookJson.Text(o.GetProperty("text"))));

        Assert.All(code, cell => Assert.Equal(JsonValueKind.Number, cell.GetProperty("execution_count").ValueKind));
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.True(outputs.Count(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("image/png", out _)) >= 4);
        Assert.Matches(@"CIFAR-10 from .+: \d+ training images, \d+ test images", text);
        Assert.Contains("bit for bit", text, StringComparison.Ordinal);
        Assert.Contains("the notebook ran in", text, StringComparison.Ordinal);
    }

    public void Dispose() => _state.Delete(recursive: true);

    /// <summary>Every live process whose command line names <paramref name="text"/> (Azurite is started with its folder).</summary>
    private static List<string> ProcessesMentioning(string text) =>
        [.. Process.GetProcesses().Select(CommandLine).Where(line => line.Contains(text, StringComparison.Ordinal))];

    private static string CommandLine(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
        finally
        {
            process.Dispose();
        }
    }
}
