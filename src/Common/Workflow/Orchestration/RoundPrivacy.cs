namespace FedAvg.Common.Orchestration;

/// <summary>A DP-FedAvg round as its aggregation left it: the privacy spent so far and the noise that bought it.</summary>
/// <param name="Epsilon">ε after this round, every round so far composed (<see cref="RunPrivacy.EpsilonAfter"/>); null when unbounded (noise multiplier 0).</param>
/// <param name="Delta">The δ that ε holds for.</param>
/// <param name="ClipNorm">The clip this round's updates were held to.</param>
/// <param name="NoiseStd">The noise's standard deviation on every parameter of the mean.</param>
/// <param name="Unclipped">
/// Updates that were within the clip. Not privatised: it shows the operator of a simulation how the clip fits; a
/// deployment would release only adaptive clipping's noised count, through <paramref name="NextClipNorm"/>.
/// </param>
/// <param name="NextClipNorm">The clip of the next round: the same, or adaptive clipping's step.</param>
public sealed record RoundPrivacy(double? Epsilon, double Delta, double ClipNorm, double NoiseStd, int Unclipped, double NextClipNorm);
