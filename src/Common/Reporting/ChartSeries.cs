namespace FedAvg.Common.Reporting;

/// <summary>
/// One line of a per-round chart: <paramref name="Values"/>[i] is the measure after round i + 1 (accuracy in
/// percent, or a loss). A loss chart takes NaN as "not measured that round" and leaves the point out.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values)
{
    /// <summary>A series in percent from fractions (an accuracy of 0.7312 is drawn at 73.12), kept within 0..100.</summary>
    public static ChartSeries Percent(string name, IEnumerable<double> fractions) =>
        new(name, [.. fractions.Select(f => Math.Clamp(f * 100, 0, 100))]);
}
