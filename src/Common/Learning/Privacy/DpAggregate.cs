using FedAvg.Common.Models;

namespace FedAvg.Common.Privacy;

/// <summary>
/// One DP-FedAvg round's result: the noised mean of the clipped updates, and what the caller keeps or reports.
/// </summary>
/// <param name="Average">The new aggregate, for the server optimiser.</param>
/// <param name="ClipNorm">The clip this round used.</param>
/// <param name="Unclipped">Clients whose change was within the clip (not privatised: report only noised statistics).</param>
/// <param name="NoiseStd">The noise's standard deviation on every parameter: z_Δ·C / clients.</param>
/// <param name="NextClipNorm">The clip for the next round: the same one, or adaptive clipping's step.</param>
public sealed record DpAggregate(ModelWeights Average, double ClipNorm, int Unclipped, double NoiseStd, double NextClipNorm);
