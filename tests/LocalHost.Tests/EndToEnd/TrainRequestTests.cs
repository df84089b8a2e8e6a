using System.Text.Json;

namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>fedavg train end to end: the values typed beat the preset's, and a request that cannot run is refused before it is scheduled.</summary>
[Collection(nameof(TrainRequestTests))]
public sealed class TrainRequestTests
{
    [Fact]
    public async Task A_given_fraction_beats_the_presets_clients_a_round()
    {
        using var folder = new TempFolder();
        await using var train = FedavgProcess.Start(
            folder.Path, "train", "--preset", "recommended", "--clients", "10", "--fraction", "0.3", "--rounds", "1", "--train-limit", "2000", "--test-limit", "200", "--json");

        Assert.Equal(0, await train.WaitForExitAsync(TimeSpan.FromMinutes(5)));
        using var report = JsonDocument.Parse(train.Stdout);
        var round = Assert.Single(report.RootElement.GetProperty("result").GetProperty("history").EnumerateArray());
        Assert.Equal(3, round.GetProperty("clients").GetArrayLength());
        var request = report.RootElement.GetProperty("request");
        Assert.Equal((10, 0.3, 4), (request.GetProperty("clients").GetInt32(), request.GetProperty("fraction").GetDouble(), request.GetProperty("localEpochs").GetInt32()));
    }

    [Fact]
    public async Task A_partition_that_cannot_be_drawn_exits_2_naming_it_and_schedules_nothing()
    {
        using var folder = new TempFolder();
        await using (var train = FedavgProcess.Start(folder.Path, "train", "--clients", "100", "--alpha", "0.5", "--train-limit", "2000"))
        {
            Assert.Equal(2, await train.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            string line = Assert.Single(Lines(train.Stderr));
            Assert.StartsWith("fedavg: --clients, --alpha and --train-limit: Dirichlet partition of 2000 samples over 100 clients with alpha 0.5 ", line);
            Assert.Equal(string.Empty, train.Stdout);
        }

        await using var runs = FedavgProcess.Start(folder.Path, "runs", "--json");
        Assert.Equal(0, await runs.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("[]", runs.Stdout.Trim());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
