using FedAvg.Common.Orchestration;
using FedAvg.LocalHost.Output;
using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// Shows a run's progress from its custom status. On a terminal a live display (<see cref="LiveProgress"/>): the
/// rounds so far with accuracy, elapsed time and ETA, and a bar for the current phase. Anywhere else plain lines
/// whenever the phase or round changes, and while a round trains a line per finished client (a line per quarter
/// of them when there are many), so logs and pipes stay readable. Either way each finished round gets a line.
/// </summary>
internal sealed class ProgressPrinter(IAnsiConsole console, TimeProvider clock)
{
    private readonly bool _live = HostConsole.IsLive(console);
    private LiveProgress? _display;
    private string _lastKey = string.Empty;
    private int _roundsSeen = -1;
    private DateTimeOffset _roundSeenAt;
    private TrainingRequest? _request;

    public void Show(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        RunStatus? status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<RunStatus>();
        DateTimeOffset now = clock.GetUtcNow();
        if (status is null)
        {
            // Scheduled but not yet picked up (or resumed and not yet replayed).
            Report($"starting/{metadata.RuntimeStatus}", 0, "starting", $"elapsed {ProgressText.Clock(now - metadata.CreatedAt)}", 0, 1, 0, null);
            return;
        }

        if (status.RoundsDone != _roundsSeen)
        {
            if (_roundsSeen >= 0)
            {
                foreach (RoundSummary round in status.History.Where(r => r.Round > _roundsSeen))
                {
                    WriteLine(ProgressText.RoundDone(round, status.Rounds));
                }
            }

            _roundsSeen = status.RoundsDone;
            _roundSeenAt = now;
        }

        if (status.Phase == "completed" && _display is not null)
        {
            _display.Complete();
            return;
        }

        _request ??= metadata.SerializedInput is null ? null : metadata.ReadInputAs<TrainingRequest>();
        bool training = status.Phase == "training" && status.TrainingClients.Count > 0;
        int done = training ? status.FinishedClients?.Count ?? 0 : 0;
        Report(
            $"{status.Phase}/{status.Round}",
            Milestone(status, done),
            ProgressText.Phase(status, _request),
            ProgressText.Headline(status, now - metadata.CreatedAt, Eta(status, now)),
            status.RoundsDone,
            status.Rounds,
            done,
            training ? status.TrainingClients.Count : null);
    }

    /// <summary>Ends the live display so what follows starts on a fresh line.</summary>
    public void Finish()
    {
        _display?.Stop();
        _display = null;
    }

    /// <param name="phaseKey">Which phase of which round: a new one starts a new bar.</param>
    /// <param name="milestone">Within a phase, what is worth a plain line of its own (finished clients).</param>
    private void Report(string phaseKey, int milestone, string phase, string headline, int roundsDone, int rounds, int done, int? total)
    {
        string key = $"{phaseKey}/{milestone}";
        if (_live)
        {
            _display ??= new LiveProgress(console, clock);
            _display.Show(headline, roundsDone, rounds, phaseKey, phase, done, total);
        }
        else if (key != _lastKey)
        {
            console.WriteLine(phase);
        }

        _lastKey = key;
    }

    private void WriteLine(string line)
    {
        if (_display is not null)
        {
            _display.WriteLine(line);
        }
        else
        {
            console.WriteLine(line);
        }
    }

    // Plain output gets a line per finished client while they are few, else per quarter of the round's clients.
    private static int Milestone(RunStatus status, int done) =>
        status.TrainingClients.Count <= ProgressText.MaxListedClients ? done : done * 4 / Math.Max(status.TrainingClients.Count, 1);

    // Remaining rounds at the mean round time so far, less what the current round has already taken.
    private TimeSpan? Eta(RunStatus status, DateTimeOffset now)
    {
        if (status.History.Count == 0)
        {
            return null;
        }

        // The mean of the rounds the status still holds: the latest ones, which predict the next best.
        double perRound = status.History.Average(r => r.WallSeconds);
        double left = (perRound * (status.Rounds - status.RoundsDone)) - (now - _roundSeenAt).TotalSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, left));
    }
}
