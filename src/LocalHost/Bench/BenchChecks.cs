using System.Globalization;

namespace FedAvg.LocalHost.Bench;

/// <summary>The targets of the accuracy-and-speed brief, checked against one configuration's measurements.</summary>
internal static class BenchChecks
{
    public const double AccuracyTarget = 0.78;
    public const double StretchAccuracy = 0.82;
    public const double WallSecondsTarget = 30 * 60;
    public const double OverheadPercentTarget = 5;
    public const double MemoryMegabytesTarget = 2048;
    public const double PureTrainingFactor = 2;
    public const double FlatRoundsPercent = 10;

    public static IReadOnlyList<BenchCheck> Evaluate(string name, double wallSeconds, double finalAccuracy, IReadOnlyList<BenchRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var checks = new List<BenchCheck>();
        if (name == "default")
        {
            checks.Add(Check($"final-round test accuracy >= {AccuracyTarget:P0}", finalAccuracy >= AccuracyTarget,
                $"{finalAccuracy:P2} ({Signed((finalAccuracy - AccuracyTarget) * 100)} points; stretch {StretchAccuracy:P0}: {(finalAccuracy >= StretchAccuracy ? "met" : "missed")})"));
            checks.Add(Check("whole run <= 30 minutes on this machine", wallSeconds <= WallSecondsTarget,
                $"{wallSeconds / 60:F1} minutes ({Signed((wallSeconds - WallSecondsTarget) / 60)} min)"));
        }

        if (name.StartsWith(BenchConfigurations.ScalePrefix, StringComparison.Ordinal) && rounds.Count > 0)
        {
            var slowest = rounds.MaxBy(r => r.PureTrainingSeconds > 0 ? r.WallSeconds / r.PureTrainingSeconds : double.PositiveInfinity)!;
            double factor = slowest.PureTrainingSeconds > 0 ? slowest.WallSeconds / slowest.PureTrainingSeconds : double.PositiveInfinity;
            checks.Add(Check($"round wall time <= {PureTrainingFactor}x the round's pure training time", factor <= PureTrainingFactor,
                string.Create(CultureInfo.InvariantCulture, $"worst round {slowest.Round}: {slowest.WallSeconds:F1} s for {slowest.PureTrainingSeconds:F1} s of training ({factor:F1}x)")));
            if (rounds.Count >= 3)
            {
                double second = rounds[1].WallSeconds;
                double last = rounds[^1].WallSeconds;
                checks.Add(Check($"last round within {FlatRoundsPercent}% of round 2", last <= second * (1 + (FlatRoundsPercent / 100)),
                    string.Create(CultureInfo.InvariantCulture, $"round 2: {second:F1} s, round {rounds[^1].Round}: {last:F1} s ({Signed(100 * (last - second) / second)}%)")));
            }
        }

        double worstOverhead = rounds.Count == 0 ? 0 : rounds.Max(r => r.OverheadPercent);
        checks.Add(Check($"orchestration overhead <= {OverheadPercentTarget}% of each round", worstOverhead <= OverheadPercentTarget,
            $"worst round {worstOverhead:F2}%, mean {(rounds.Count == 0 ? 0 : rounds.Average(r => r.OverheadPercent)):F2}%"));
        double peak = rounds.Max(r => r.PeakResidentMegabytes) ?? 0;
        checks.Add(Check($"peak resident memory <= {MemoryMegabytesTarget} MB", peak <= MemoryMegabytesTarget, $"{peak:F0} MB"));
        if (rounds.Count >= 3 && rounds[1].ResidentMegabytes is double secondResident && rounds[^1].ResidentMegabytes is double lastResident)
        {
            // Round 1 fills caches (data sets, shards); growth is judged from round 2 to the last.
            checks.Add(Check("resident memory not growing round over round", lastResident <= (secondResident * 1.1) + 64,
                $"round 2: {secondResident:F0} MB, round {rounds[^1].Round}: {lastResident:F0} MB"));
        }

        return checks;
    }

    private static BenchCheck Check(string target, bool met, string measured) => new(target, met, measured);

    private static string Signed(double value) => value.ToString("+0.0;-0.0", CultureInfo.InvariantCulture);
}
