using System.Globalization;
using FedAvg.Common.Orchestration;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// Shows a run's progress from its custom status: on a terminal one line redrawn in place, otherwise
/// a plain line whenever the phase or round changes (logs and pipes stay readable).
/// </summary>
internal sealed class ProgressPrinter(TextWriter output, bool redraw, TimeProvider clock)
{
    private string _lastKey = string.Empty;
    private int _lastWidth;
    private int _roundsSeen = -1;
    private DateTimeOffset _roundSeenAt;

    public void Show(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        RunStatus? status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<RunStatus>();
        DateTimeOffset now = clock.GetUtcNow();
        if (status is null)
        {
            // Scheduled but not yet picked up (or resumed and not yet replayed).
            Write("starting", key: metadata.RuntimeStatus.ToString(), now - metadata.CreatedAt);
            return;
        }

        if (status.History.Count != _roundsSeen)
        {
            if (!redraw && _roundsSeen >= 0)
            {
                foreach (RoundSummary round in status.History.Skip(_roundsSeen))
                {
                    output.WriteLine(RoundLine(round, status.Rounds));
                }
            }

            _roundsSeen = status.History.Count;
            _roundSeenAt = now;
        }

        string clients = status.Phase == "training" && status.TrainingClients.Count > 0
            ? ClientsText(status)
            : string.Empty;
        string accuracy = status.History.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $" | accuracy {status.History[^1].TestAccuracy:P1}")
            : string.Empty;
        string eta = Eta(status, now) is { } left ? $" | ETA {Clock(left)}" : string.Empty;
        Write(
            $"round {Math.Max(status.Round, 1)}/{status.Rounds} {status.Phase}{clients}{accuracy}",
            key: $"{status.Phase}/{status.Round}/{status.FinishedClients?.Count ?? 0}",
            now - metadata.CreatedAt,
            eta);
    }

    // "clients 0,2,4 (2/3 done, 1830 img/s)": which clients train this round, how many finished, and their speed.
    private static string ClientsText(RunStatus status)
    {
        string text = status.TrainingClients.Count == 1 ? $" client {status.TrainingClients[0]}" : $" clients {string.Join(',', status.TrainingClients)}";
        var finished = status.FinishedClients ?? [];
        var trained = finished.Where(c => c.Succeeded && c.TrainSeconds > 0).ToList();
        if (finished.Count == 0)
        {
            return text;
        }

        string speed = trained.Count == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {trained.Sum(c => c.ImagesPerSecond * c.TrainSeconds) / trained.Sum(c => c.TrainSeconds):F0} img/s");
        return $"{text} ({finished.Count}/{status.TrainingClients.Count} done{speed})";
    }

    /// <summary>Ends the redrawn line so what follows starts on a fresh one.</summary>
    public void Finish()
    {
        if (redraw && _lastWidth > 0)
        {
            output.WriteLine();
            _lastWidth = 0;
        }
    }

    public static string RoundLine(RoundSummary round, int rounds)
    {
        ArgumentNullException.ThrowIfNull(round);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"round {round.Round}/{rounds} done: accuracy {round.TestAccuracy:P2}, loss {round.TestLoss:F4}, {round.WallSeconds:F1} s");
    }

    private void Write(string text, string key, TimeSpan elapsed, string eta = "")
    {
        string line = $"{text} | elapsed {Clock(elapsed)}{eta}";
        if (redraw)
        {
            // \r and padding rather than ANSI codes: works on every terminal, and in Windows consoles.
            output.Write('\r' + line.PadRight(_lastWidth));
            output.Flush();
            _lastWidth = line.Length;
        }
        else if (key != _lastKey)
        {
            output.WriteLine(text);
        }

        _lastKey = key;
    }

    // Remaining rounds at the mean round time so far, less what the current round has already taken.
    private TimeSpan? Eta(RunStatus status, DateTimeOffset now)
    {
        if (status.History.Count == 0)
        {
            return null;
        }

        double perRound = status.History.Average(r => r.WallSeconds);
        double left = (perRound * (status.Rounds - status.History.Count)) - (now - _roundSeenAt).TotalSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, left));
    }

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
