using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Train;

namespace FedAvg.LocalHost.Tests.Train;

public sealed class ClientEvaluationColumnsTests
{
    [Fact]
    public void A_run_with_per_client_evaluation_adds_its_distribution_to_each_rounds_row_and_dashes_where_none()
    {
        var evaluation = new ClientAccuracyDistribution(2, 40, 0.3, 0.2, 0.22, 0.3, 0.38, 1);
        var result = new RunResult(
            "run-1", "seed-cnn", 2, 0.4, 1.5, "model-2",
            [RunStates.Round(1, 0.2) with { ClientEvaluation = evaluation }, RunStates.Round(2, 0.4)], [], [], 61.2);

        string[] lines = RoundTable.Format(result).Split(Environment.NewLine);

        Assert.Equal(
            ["round", "clients", "accuracy", "test loss", "train loss", "lr", "wall s", "train s", "img/s",
                "eval clients", "client mean", "client p10", "client p50", "client p90", "worst"],
            Cells(lines[0]));
        Assert.Equal(["2", "30.00 %", "22.00 %", "30.00 %", "38.00 %", "20.00 % (client 1)"], Cells(lines[2])[9..]);
        Assert.Equal(["-", "-", "-", "-", "-", "-"], Cells(lines[3])[9..]);
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(cell => cell.Trim())];
}
