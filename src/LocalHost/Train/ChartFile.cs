namespace FedAvg.LocalHost.Train;

/// <summary>
/// Writes a chart drawn in memory under its final name in one move: a chart that fails to draw leaves no file,
/// and an interrupted write no half of one.
/// </summary>
internal static class ChartFile
{
    public static async Task WriteAsync(string path, Action<Stream> draw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draw);
        using var image = new MemoryStream();
        draw(image);
        string partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, image.ToArray(), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
