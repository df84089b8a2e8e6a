namespace FedAvg.Common.Reporting;

/// <summary>Where things go on an <see cref="AccuracyChart"/>; internal so tests can find a series by its coordinates.</summary>
internal sealed class AccuracyChartLayout
{
    public const int LabelScale = 2;
    public const int TitleScale = 3;
    public const int PlotLeft = 100;
    public const int PlotTop = 64;
    public const int PlotWidth = 640;
    public const int PlotHeight = 380;

    /// <summary>Gap between the axes and the first and last round, so points do not sit on the frame.</summary>
    public const int Padding = 12;

    private const int LegendGap = 24;
    private const int LegendSwatch = 28;
    private const int BottomMargin = 72;
    private const int RightMargin = 20;

    public AccuracyChartLayout(int rounds, int legendTextWidth)
    {
        Rounds = rounds;
        LegendLeft = PlotRight + LegendGap;
        LegendTextLeft = LegendLeft + LegendSwatch + 8;
        Width = LegendTextLeft + legendTextWidth + RightMargin;
        Height = PlotBottom + BottomMargin;
    }

    public int Rounds { get; }

    public int Width { get; }

    public int Height { get; }

    public static int PlotRight => PlotLeft + PlotWidth;

    public static int PlotBottom => PlotTop + PlotHeight;

    public int LegendLeft { get; }

    public int LegendTextLeft { get; }

    /// <summary>Pixel column of round <paramref name="round"/> (1-based); a single round sits in the middle.</summary>
    public int XFor(int round) => Rounds == 1
        ? PlotLeft + (PlotWidth / 2)
        : PlotLeft + Padding + (int)Math.Round((round - 1) * (PlotWidth - (2.0 * Padding)) / (Rounds - 1));

    /// <summary>Pixel row of an accuracy in percent: 0 on the x axis, 100 on the top of the frame.</summary>
    public static int YFor(double percent) => PlotBottom - (int)Math.Round(percent / 100.0 * PlotHeight);

    public static int LegendRowTop(int index) => PlotTop + 8 + (index * 30);

    /// <summary>A tick every 1, 2, 5, 10, 20, 50, ... rounds: the smallest step that leaves at most ten ticks.</summary>
    public int RoundTickStep()
    {
        for (int magnitude = 1; ; magnitude *= 10)
        {
            foreach (int multiple in (ReadOnlySpan<int>)[1, 2, 5])
            {
                if (Rounds / (multiple * magnitude) <= 10)
                {
                    return multiple * magnitude;
                }
            }
        }
    }
}
