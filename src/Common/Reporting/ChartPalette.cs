using SixLabors.ImageSharp.PixelFormats;

namespace FedAvg.Common.Reporting;

/// <summary>Colours shared by the charts. Series colours are the first eight of Tableau 10, chosen to stay apart for common colour blindness.</summary>
internal static class ChartPalette
{
    public static readonly Rgb24 Background = new(255, 255, 255);
    public static readonly Rgb24 Ink = new(33, 33, 33);
    public static readonly Rgb24 Grid = new(225, 225, 225);
    public static readonly Rgb24 MutedInk = new(110, 110, 110);

    public static readonly IReadOnlyList<Rgb24> Series =
    [
        new(31, 119, 180),
        new(255, 127, 14),
        new(44, 160, 44),
        new(214, 39, 40),
        new(148, 103, 189),
        new(140, 86, 75),
        new(227, 119, 194),
        new(23, 190, 207),
    ];

    /// <summary>Heat-map ramp ends: near-white for zero, dark blue for the largest count.</summary>
    public static readonly Rgb24 HeatLow = new(247, 251, 255);
    public static readonly Rgb24 HeatHigh = new(8, 48, 107);

    /// <summary>Linear blend from <see cref="HeatLow"/> (t = 0) to <see cref="HeatHigh"/> (t = 1); every channel falls as t rises.</summary>
    public static Rgb24 Heat(double t) => new(
        Blend(HeatLow.R, HeatHigh.R, t),
        Blend(HeatLow.G, HeatHigh.G, t),
        Blend(HeatLow.B, HeatHigh.B, t));

    private static byte Blend(byte low, byte high, double t) =>
        (byte)Math.Round(low + ((high - low) * Math.Clamp(t, 0, 1)));
}
