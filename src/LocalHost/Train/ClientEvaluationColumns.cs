using System.Globalization;
using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// The round table's per-client evaluation columns. Shown only for a run that asked for it, so every other run's table
/// reads as before.
/// </summary>
internal static class ClientEvaluationColumns
{
    public static IReadOnlyList<string> Headers { get; } = ["eval clients", "client mean", "client p10", "client p50", "client p90", "worst"];

    public static bool Shown(RunResult result) => result.History.Any(r => r.ClientEvaluation is not null);

    /// <summary>A round's cells; dashes for a round in which no client was evaluated.</summary>
    public static IEnumerable<string> Cells(RoundSummary round) => round.ClientEvaluation is { } e
        ? [Format($"{e.Count}"), Format($"{e.Mean:P2}"), Format($"{e.P10:P2}"), Format($"{e.P50:P2}"), Format($"{e.P90:P2}"),
            Format($"{e.Min:P2} (client {e.WorstClient})")]
        : Enumerable.Repeat("-", Headers.Count);

    private static string Format(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
