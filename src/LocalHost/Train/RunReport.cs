using FedAvg.Common.Orchestration;

namespace FedAvg.LocalHost.Train;

/// <summary>What runs/&lt;id&gt;/report.json holds: the request as run, its result, and the files beside it.</summary>
internal sealed record RunReport(
    string RunId,
    TrainingRequest Request,
    RunResult Result,
    DateTimeOffset CompletedAt,
    IReadOnlyList<string> Files);
