namespace FedAvg.Common.Reporting;

/// <summary>The checks every per-round chart makes on its series before drawing anything.</summary>
internal static class SeriesCheck
{
    /// <param name="valid">Whether one value can be drawn; NaN reaches it too.</param>
    /// <param name="invalid">What a refused value is, for the message: "outside 0..100 percent".</param>
    /// <exception cref="ArgumentException">No series, more than the palette tells apart, an unnamed or empty series, or a value <paramref name="valid"/> refuses.</exception>
    public static void Validate(IReadOnlyList<ChartSeries> series, Func<double, bool> valid, string invalid)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one series.", nameof(series));
        }

        if (series.Count > ChartPalette.Series.Count)
        {
            throw new ArgumentException($"At most {ChartPalette.Series.Count} series can be told apart by colour; got {series.Count}.", nameof(series));
        }

        foreach (ChartSeries s in series)
        {
            if (s is null || string.IsNullOrWhiteSpace(s.Name) || s.Values is null || !s.Values.Any(v => !double.IsNaN(v)))
            {
                throw new ArgumentException("Every series needs a name and at least one value.", nameof(series));
            }

            if (s.Values.Any(v => !valid(v)))
            {
                throw new ArgumentException($"Series '{s.Name}' has a value {invalid}.", nameof(series));
            }
        }
    }
}
