using System.Globalization;

namespace FedAvg.Common.Orchestration;

/// <summary>
/// Where a page of runs ended: the durable backend's token for the page of instances it ended in, and
/// how many runs of that page were already listed. The backend's pages also hold each run's round
/// sub-orchestrations, so a page of runs seldom ends where a page of instances does.
/// </summary>
/// <param name="BackendToken">The backend's token for the instance page to read; null for the first.</param>
/// <param name="Skip">Runs at the start of that instance page that earlier pages listed.</param>
public sealed record RunsCursor(string? BackendToken, int Skip)
{
    public static RunsCursor Start { get; } = new(null, 0);

    /// <summary>"3 token": the count first, so any backend token (spaces included) follows unchanged.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Skip} {BackendToken}");

    /// <returns>The cursor <see cref="Format"/> wrote, or null for any other text.</returns>
    public static RunsCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Start;
        }

        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out int skip))
        {
            return null;
        }

        string backend = text[(space + 1)..];
        return new RunsCursor(backend.Length == 0 ? null : backend, skip);
    }
}
