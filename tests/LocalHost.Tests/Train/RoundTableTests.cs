using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Train;

namespace FedAvg.LocalHost.Tests.Train;

public sealed class RoundTableTests
{
    [Fact]
    public void Every_round_is_a_row_with_its_measures_then_the_final_accuracy_and_the_failed_clients()
    {
        var result = new RunResult(
            "run-1", "seed-cnn", 2, 0.4, 1.5, "model-2",
            [RunStates.Round(1, 0.2), RunStates.Round(2, 0.4)],
            [new ClientFailure(2, 1, "IOException: disk full")],
            [],
            61.2);

        string[] lines = RoundTable.Format(result).Split(Environment.NewLine);

        Assert.Equal(["round", "clients", "accuracy", "test loss", "train loss", "lr", "wall s", "train s", "img/s"], Cells(lines[0]));
        Assert.Equal(["1", "2", "20.00 %", "1.5000", "1.7000", "0.03", "30.0", "20.0", "1000"], Cells(lines[2]));
        Assert.Equal(["2", "2", "40.00 %", "1.5000", "1.7000", "0.03", "30.0", "20.0", "1000"], Cells(lines[3]));
        Assert.Equal("final accuracy 40.00 % after 2 rounds of seed-cnn in 61 s", lines[4]);
        Assert.Equal("1 client updates failed and were left out: round 2 client 1: IOException: disk full", lines[5]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void The_strategy_follows_the_final_accuracy()
    {
        var strategy = RunStrategy.Of(new TrainingRequest { ClientAlgorithm = "scaffold", ServerOptimizer = "adam", ServerLearningRate = 0.05 });
        var result = new RunResult("run-1", "seed-cnn", 1, 0.4, 1.5, "model-1", [RunStates.Round(1, 0.4)], [], [], 30, Strategy: strategy);

        string[] lines = RoundTable.Format(result).Split(Environment.NewLine);

        Assert.Equal("final accuracy 40.00 % after 1 rounds of seed-cnn in 30 s", lines[3]);
        Assert.Equal(strategy.Describe(), lines[4]);
        Assert.StartsWith("clientAlgorithm scaffold, serverOptimizer adam (serverLearningRate 0.05", lines[4], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(cell => cell.Trim())];
}
