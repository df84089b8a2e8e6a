using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;

namespace FedAvg.Common.Http;

/// <summary>What <c>GET /api/runs/{id}</c> answers: the run's state, request, progress and result.</summary>
/// <param name="Failure">Why a failed run failed, in one line (<see cref="RunFailure.Reason"/>).</param>
public sealed record RunView(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    TrainingRequest? Request,
    RunStatus? Progress,
    RunResult? Result,
    string? Failure)
{
    /// <summary>The class names, in the order of every partition histogram (<see cref="ClientShard.ClassHistogram"/>).</summary>
    public IReadOnlyList<string> Classes { get; init; } = CifarClasses.Names;
}
