using Microsoft.DotNet.Interactive.Documents;

namespace FedAvg.Notebooks.Tests;

/// <summary>The runner on small notebooks of its own: what it executes, where, and what it writes back.</summary>
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fedavg-notebook-runner-");

    [Fact]
    public async Task Stops_at_the_first_cell_that_fails_and_runs_nothing_after_it()
    {
        string path = NotebookJson.Write(_folder.FullName,
            "Console.Write(\"first\");",
            "throw new InvalidOperationException(\"the second cell fails\");",
            "System.IO.File.WriteAllText(\"third-ran\", \"\");");

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions());

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.Cells.Count);
        Assert.Equal(2, run.Failure!.Number);
        Assert.Contains("the second cell fails", run.Failure.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "third-ran")));
    }

    [Fact]
    public async Task A_cell_that_does_not_compile_fails_with_the_compiler_message()
    {
        string path = NotebookJson.Write(_folder.FullName, "int x = \"text\";");

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions());

        Assert.Equal(1, run.Failure?.Number);
        Assert.Contains("CS0029", run.Failure!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_with_the_given_environment_and_both_are_put_back()
    {
        string before = Directory.GetCurrentDirectory();
        string path = NotebookJson.Write(_folder.FullName,
            "System.IO.File.WriteAllText(\"seen.txt\", Environment.GetEnvironmentVariable(\"FEDAVG_NOTEBOOK_TEST_VALUE\"));");

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions
        {
            Environment = new Dictionary<string, string?> { ["FEDAVG_NOTEBOOK_TEST_VALUE"] = "from the test" },
        });

        Assert.True(run.Succeeded, run.Failure?.ErrorDetails);
        Assert.Equal("from the test", File.ReadAllText(Path.Combine(_folder.FullName, "seen.txt")));
        Assert.Equal(before, Directory.GetCurrentDirectory());
        Assert.Null(Environment.GetEnvironmentVariable("FEDAVG_NOTEBOOK_TEST_VALUE"));
    }

    [Fact]
    public async Task Writes_text_images_updated_displays_and_return_values_into_the_notebook()
    {
        string path = NotebookJson.Write(_folder.FullName,
            """
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Events;
            using Microsoft.DotNet.Interactive.Formatting;
            public sealed record Png(byte[] Bytes);
            Formatter.Register<Png>(png => Convert.ToBase64String(png.Bytes), "image/png");
            Formatter.SetPreferredMimeTypesFor(typeof(Png), "image/png");
            """,
            """
            Console.WriteLine("one");
            Console.WriteLine("two");
            display(new Png([137, 80, 78, 71]));
            var context = KernelInvocationContext.Current;
            context.Publish(new DisplayedValueProduced("round 1", context.Command, FormattedValue.CreateManyFromObject("round 1", "text/plain"), "live"));
            context.Publish(new DisplayedValueUpdated("round 2", "live", context.Command, FormattedValue.CreateManyFromObject("round 2", "text/plain")));
            6 * 7
            """);

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions { WriteOutputs = true });

        Assert.True(run.Succeeded, run.Failure?.ErrorDetails);
        var outputs = NotebookJson.Outputs(path);
        Assert.Empty(outputs[0]);
        var cell = outputs[1];
        Assert.Equal(["stream", "display_data", "display_data", "execute_result"], cell.Select(o => o.GetProperty("output_type").GetString()));
        Assert.Equal("one\ntwo\n", NotebookJson.Text(cell[0].GetProperty("text")));
        Assert.Equal(Convert.ToBase64String([137, 80, 78, 71]), NotebookJson.Text(cell[1].GetProperty("data").GetProperty("image/png")));
        Assert.Equal("round 2", NotebookJson.Text(cell[2].GetProperty("data").GetProperty("text/plain")));
        Assert.Contains("<pre>42</pre>", NotebookJson.Text(cell[3].GetProperty("data").GetProperty("text/html")), StringComparison.Ordinal);
        Assert.Equal(2, cell[3].GetProperty("execution_count").GetInt32());
    }

    [Fact]
    public async Task A_failed_run_leaves_the_notebook_file_as_it_was()
    {
        string path = NotebookJson.Write(_folder.FullName, "Console.WriteLine(\"fine\");", "throw new InvalidOperationException(\"no\");");
        byte[] original = File.ReadAllBytes(path);

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions { WriteOutputs = true });

        Assert.False(run.Succeeded);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], _folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task An_error_is_kept_as_the_failed_cell_s_output()
    {
        string path = NotebookJson.Write(_folder.FullName, "throw new ArgumentException(\"bad setting\");");

        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions());

        var error = Assert.IsType<ErrorElement>(Assert.Single(run.Cells[0].Outputs));
        Assert.Equal("bad setting", error.ErrorValue);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
