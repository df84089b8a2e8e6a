namespace FedAvg.Common.Reporting;

/// <summary>One line of an <see cref="AccuracyChart"/>: <paramref name="Values"/>[i] is the test accuracy in percent (0..100) after round i + 1.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
