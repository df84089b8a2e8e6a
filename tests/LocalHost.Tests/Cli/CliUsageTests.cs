namespace FedAvg.LocalHost.Tests.Cli;

public sealed class CliUsageTests
{
    [Theory]
    [InlineData("fedavg: unknown option --bogus for 'train' (see fedavg train --help)", "train", "--bogus")]
    [InlineData("fedavg: unknown option -x for 'serve' (see fedavg serve --help)", "serve", "-x")]
    [InlineData("fedavg: --rounds must be a whole number, not 'ten'", "train", "--rounds", "ten")]
    [InlineData("fedavg: Required argument missing for option: '--rounds'.", "train", "--rounds")]
    [InlineData("fedavg: Option '--rounds' expects a single argument but 2 were provided.", "train", "--rounds", "2", "--rounds=3")]
    [InlineData("fedavg: --lr must be a number, not 'fast'", "train", "--lr", "fast")]
    [InlineData("fedavg: unexpected argument 'yes' for 'train' (see fedavg train --help)", "train", "--json=yes")]
    [InlineData("fedavg: unknown option --round for 'train'; did you mean --rounds? (see fedavg train --help)", "train", "--round", "3")]
    [InlineData("fedavg: --server-momentum must be at least 0 and below 1", "train", "--server-momentum", "1")]
    [InlineData("fedavg: --min-clients-per-round must be between 1 and the clients selected each round (3)", "train", "--preset", "reference", "--min-clients-per-round", "4")]
    [InlineData("fedavg: --rounds must be between 1 and 1000", "train", "--rounds", "-1")]
    [InlineData("fedavg: --clients-per-round must be between 1 and clients (5)", "train", "--clients-per-round", "9")]
    [InlineData("fedavg: --preset must be one of: recommended, reference", "train", "--preset", "fastest")]
    [InlineData("fedavg: --port must be between 1 and 65535", "serve", "--port", "0")]
    [InlineData("fedavg: --port must be between 1 and 65535", "serve", "--port=70000")]
    [InlineData("fedavg: --clients must be between 1 and 10000", "partition", "--clients", "-3")]
    [InlineData("fedavg: --partition must be one of: dirichlet, iid", "partition", "--partition", "shards")]
    [InlineData("fedavg: --resume continues a run as it was requested; --rounds cannot change it", "train", "--resume", "abc", "--rounds", "3")]
    [InlineData("fedavg: unexpected argument 'now' for 'train' (see fedavg train --help)", "train", "now")]
    [InlineData("fedavg: predict needs an image file (fedavg predict IMAGE)", "predict")]
    [InlineData("fedavg: Required argument missing for option: '--stop'.", "runs", "--stop")]
    [InlineData("fedavg: --train-limit must be between clients (5) and 50000", "bench", "--train-limit", "3")]
    [InlineData("fedavg: --stop and --stop-unfinished do not combine", "runs", "--stop", "abc", "--stop-unfinished")]
    [InlineData("fedavg: --json lists runs; it does not combine with --stop or --stop-unfinished", "runs", "--json", "--stop-unfinished")]
    [InlineData("fedavg: unknown option --all for 'runs' (see fedavg runs --help)", "runs", "--all")]
    [InlineData("fedavg: unknown command 'fly' (commands: train, serve, predict, partition, bench, runs, worker)", "fly")]
    public async Task Bad_command_line_exits_2_with_one_line_on_stderr(string expected, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.ErrorLine);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("serve")]
    [InlineData("partition")]
    public async Task Missing_data_folder_exits_2_naming_it(string command)
    {
        string missing = Path.Combine(Path.GetTempPath(), "fedavg-no-such-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.RunAsync(command, "--data", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fedavg: --data {missing}: no such folder", run.ErrorLine);
    }

    [Fact]
    public async Task Incomplete_data_folder_exits_2_naming_the_missing_files()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync("train", "--data", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fedavg: --data {folder.Path}: ", run.ErrorLine);
        Assert.Contains("data_batch_1.bin", run.ErrorLine);
    }

    [Fact]
    public async Task Corrupt_data_file_exits_2_naming_the_file_and_offset()
    {
        using var folder = new TempFolder();
        foreach (string file in Directory.GetFiles(FedAvg.LocalHost.Tests.EndToEnd.RepoPaths.CifarData))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        // Record 1234 of data_batch_3 gets label 200: the file keeps its size, only its content is wrong.
        string corrupt = Path.Combine(folder.Path, "data_batch_3.bin");
        using (var stream = File.OpenWrite(corrupt))
        {
            stream.Position = 1234L * 3073;
            stream.WriteByte(200);
        }

        var run = await CliRun.RunAsync("train", "--data", folder.Path, "--rounds", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fedavg: --data {folder.Path}: ", run.ErrorLine);
        Assert.Contains("data_batch_3.bin", run.ErrorLine);
        Assert.Contains((1234L * 3073).ToString(System.Globalization.CultureInfo.InvariantCulture), run.ErrorLine);
    }

    [Fact]
    public async Task Predict_of_a_missing_image_exits_2()
    {
        var run = await CliRun.RunAsync("predict", "/no/such/image.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("fedavg: /no/such/image.png: no such file", run.ErrorLine);
    }

    [Fact]
    public async Task Predict_of_a_file_that_is_no_image_exits_2_before_starting_storage()
    {
        using var folder = new TempFolder();
        string notAnImage = Path.Combine(folder.Path, "notes.png");
        await File.WriteAllTextAsync(notAnImage, "not an image");

        var run = await CliRun.RunAsync("predict", notAnImage);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"fedavg: {notAnImage}: ", run.ErrorLine);
    }

    [Fact]
    public async Task No_command_prints_the_overview_and_exits_2()
    {
        var run = await CliRun.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
        Assert.Contains("Commands:", run.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("train", "--help")]
    [InlineData("serve", "-h")]
    [InlineData("runs", "--help")]
    [InlineData("partition", "--help")]
    [InlineData("predict", "-?")]
    [InlineData("bench", "--help")]
    public async Task Help_exits_0_with_usage_on_stdout(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }
}
