namespace FedAvg.Common.Orchestration;

/// <summary>The custom status of one round's orchestration: its phase and how far its training has got.</summary>
/// <param name="FinishedClients">Each finished client; null for a round of more than <see cref="RunStatus.ListLimit"/> clients.</param>
/// <param name="ClientEvaluation">Once the round is evaluated, its per-client evaluation; null when that is off.</param>
public sealed record RoundStatus(
    string Phase, int Round, int Clients, int Finished, IReadOnlyList<ClientProgress>? FinishedClients, ClientAccuracyDistribution? ClientEvaluation = null);
