using System.Globalization;
using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Train;

/// <summary>
/// The words of a run's progress, the same live and in plain lines. A round's clients are named while they are
/// few; beyond <see cref="MaxListedClients"/> only counted, so a round of 100 clients is still one short line.
/// </summary>
internal static class ProgressText
{
    public const int MaxListedClients = 8;

    /// <summary>"round 2/10 training 100 clients (37/100 done, 1830 img/s)", "round 2/10 aggregating", ...</summary>
    public static string Phase(RunStatus status, TrainingRequest? request)
    {
        ArgumentNullException.ThrowIfNull(status);
        string round = $"round {Math.Max(status.Round, 1)}/{status.Rounds}";
        return status.Phase switch
        {
            "preparing" => request is null
                ? "preparing: data set into storage, partitioning"
                : $"preparing: data set into storage, {request.Partition} partition over {request.Clients} clients",
            "training" => $"{round} training {Clients(status.TrainingClients)}{Finished(status)}",
            "aggregating" => $"{round} aggregating the updates",
            "evaluating" => $"{round} evaluating the global model",
            _ => $"{round} {status.Phase}",
        };
    }

    /// <summary>"round 2/10 | accuracy 64.8% after round 1 | elapsed 3:12 | ETA 22:10".</summary>
    public static string Headline(RunStatus status, TimeSpan elapsed, TimeSpan? left)
    {
        ArgumentNullException.ThrowIfNull(status);
        string accuracy = status.History.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $" | accuracy {status.History[^1].TestAccuracy:P1} after round {status.History[^1].Round}")
            : string.Empty;
        string eta = left is { } value ? $" | ETA {Clock(value)}" : string.Empty;
        return $"{status.RoundsDone}/{status.Rounds} rounds{accuracy} | elapsed {Clock(elapsed)}{eta}";
    }

    public static string RoundDone(RoundSummary round, int rounds)
    {
        ArgumentNullException.ThrowIfNull(round);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"round {round.Round}/{rounds} done: accuracy {round.TestAccuracy:P2}, loss {round.TestLoss:F4}, {round.WallSeconds:F1} s{Spent(round.Privacy)}");
    }

    private static string Spent(RoundPrivacy? privacy) => privacy switch
    {
        null => string.Empty,
        { Epsilon: double epsilon } => string.Create(CultureInfo.InvariantCulture, $", epsilon {epsilon:F3} at delta {privacy.Delta:G3}"),
        _ => ", epsilon unbounded",
    };

    public static string Clock(TimeSpan span) =>
        span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private static string Clients(IReadOnlyList<int> clients) => clients.Count switch
    {
        1 => $"client {clients[0]}",
        <= MaxListedClients => $"clients {string.Join(',', clients)}",
        _ => $"{clients.Count} clients",
    };

    // " (2/3 done, 1830 img/s)": how many of the round's clients finished, and their training speed.
    private static string Finished(RunStatus status)
    {
        var finished = status.FinishedClients ?? [];
        if (finished.Count == 0)
        {
            return string.Empty;
        }

        var trained = finished.Where(c => c.Succeeded && c.TrainSeconds > 0).ToList();
        string speed = trained.Count == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {trained.Sum(c => c.ImagesPerSecond * c.TrainSeconds) / trained.Sum(c => c.TrainSeconds):F0} img/s");
        return $" ({finished.Count}/{status.TrainingClients.Count} done{speed})";
    }
}
