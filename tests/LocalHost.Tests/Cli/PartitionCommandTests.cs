using System.Text.Json;
using FedAvg.LocalHost.Tests.EndToEnd;

namespace FedAvg.LocalHost.Tests.Cli;

public sealed class PartitionCommandTests
{
    [Fact]
    public async Task The_real_training_set_splits_into_five_clients_covering_every_image_and_class_once()
    {
        var run = await CliRun.RunAsync("partition", "--data", RepoPaths.CifarData, "--clients", "5", "--alpha", "0.5", "--seed", "42", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var clients = json.RootElement.GetProperty("clients").EnumerateArray().ToList();
        Assert.Equal(5, clients.Count);
        Assert.Equal(50_000, clients.Sum(c => c.GetProperty("samples").GetInt32()));
        int[][] classes = [.. clients.Select(c => c.GetProperty("classes").EnumerateArray().Select(v => v.GetInt32()).ToArray())];
        Assert.All(classes.Zip(clients), p => Assert.Equal(p.Second.GetProperty("samples").GetInt32(), p.First.Sum()));
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(5_000, classes.Sum(c => c[k])));
        // Label skew: with alpha 0.5 some client holds far more of one class than an even split would give it.
        Assert.Contains(classes, c => c.Max() > 2 * 5_000 / 5);
    }
}
