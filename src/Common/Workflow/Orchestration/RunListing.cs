namespace FedAvg.Common.Orchestration;

/// <summary>One run in the task hub, as <c>fedavg runs</c> and <c>GET /api/runs</c> show it.</summary>
/// <param name="Status">Running, Pending, Suspended, Completed, Failed or Terminated.</param>
/// <param name="Unfinished">Whether the next engine on this task hub resumes it (Running, Pending or Suspended).</param>
/// <param name="Request">What was asked for; null if the run's input cannot be read.</param>
/// <param name="Phase">preparing, training, aggregating, evaluating, completed or failed; null before the run first reported.</param>
/// <param name="Round">The round it reached (0 while preparing).</param>
/// <param name="RoundsDone">Rounds evaluated so far.</param>
/// <param name="Accuracy">Test accuracy after the last evaluated round.</param>
/// <param name="Failure">Why a failed run failed.</param>
public sealed record RunListing(
    string Id,
    string Status,
    bool Unfinished,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    TrainingRequest? Request,
    string? Phase,
    int? Round,
    int RoundsDone,
    double? Accuracy,
    string? Failure);
