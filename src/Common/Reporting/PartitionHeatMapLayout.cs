namespace FedAvg.Common.Reporting;

/// <summary>Where things go on a <see cref="PartitionHeatMap"/>; internal so tests can sample a cell's colour.</summary>
internal sealed class PartitionHeatMapLayout
{
    public const int Scale = 2;
    public const int TitleTop = 14;
    public const int CellHeight = 28;

    /// <summary>Pixels of each cell's edge left in the background colour, so neighbouring equal cells stay distinct.</summary>
    public const int CellGap = 1;

    private const int Margin = 16;
    private const int LabelGap = 10;

    public PartitionHeatMapLayout(int clients, int classes, string widestCount, IEnumerable<string> headers)
    {
        Clients = clients;
        Classes = classes;
        int textHeight = BitmapFont.TextHeight(Scale);
        CellWidth = Math.Max(44, BitmapFont.TextWidth(widestCount, Scale) + 16);
        int rowLabelWidth = BitmapFont.TextWidth((clients - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Scale);

        // Axis title "Client" runs upwards at the far left, then the row numbers, then the grid.
        GridLeft = Margin + textHeight + LabelGap + rowLabelWidth + LabelGap;
        GridTop = TitleTop + textHeight + LabelGap + headers.Max(h => BitmapFont.TextWidth(h, Scale)) + LabelGap;
        TotalLeft = GridLeft + (classes * CellWidth) + LabelGap;
        Width = TotalLeft + CellWidth + Margin;
        Height = GridTop + (clients * CellHeight) + Margin;
    }

    public int Clients { get; }

    public int Classes { get; }

    public int CellWidth { get; }

    public int GridLeft { get; }

    public int GridTop { get; }

    /// <summary>Left edge of the per-client total column, right of the grid.</summary>
    public int TotalLeft { get; }

    public int Width { get; }

    public int Height { get; }

    public int CellLeft(int classIndex) => GridLeft + (classIndex * CellWidth);

    public int CellTop(int client) => GridTop + (client * CellHeight);
}
