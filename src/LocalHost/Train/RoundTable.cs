using System.Globalization;
using System.Text;
using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Train;

/// <summary>The per-round table <c>fedavg train</c> prints when a run completes.</summary>
internal static class RoundTable
{
    public static string Format(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine("round  clients  accuracy  test loss  train loss      lr   wall s  train s    img/s");
        foreach (RoundSummary round in result.History)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{round.Round,5}  {round.Clients.Count,7}  {round.TestAccuracy,8:P2}  {round.TestLoss,9:F4}  {round.TrainLoss,10:F4}  {round.LearningRate,6:G3}  {round.WallSeconds,7:F1}  {round.TrainSeconds,7:F1}  {round.ImagesPerSecond,7:F0}"));
        }

        text.Append(string.Create(
            CultureInfo.InvariantCulture,
            $"final accuracy {result.FinalAccuracy:P2} after {result.Rounds} rounds of {result.Model} in {result.WallSeconds:F0} s"));
        if (result.FailedClients.Count > 0)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"{result.FailedClients.Count} client updates failed and were left out: ");
            text.AppendJoin("; ", result.FailedClients.Select(f => $"round {f.Round} client {f.Client}: {f.Reason}"));
        }

        return text.ToString();
    }
}
