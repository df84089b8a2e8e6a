namespace FedAvg.Common.Orchestration;

/// <param name="Round">The round whose client updates are no longer needed: its aggregate is in the run's history.</param>
/// <param name="ObsoleteBlobs">Other blobs of the run's container that nothing reads any more: the server momentum the round's
/// aggregation read and has superseded, and after the last round the one it wrote.</param>
/// <param name="ObsoletePrefix">A folder of the run's container to delete as well once the run is over (SCAFFOLD's client controls), or null.</param>
public sealed record DiscardUpdatesInput(string RunId, int Round, IReadOnlyList<string> ObsoleteBlobs, string? ObsoletePrefix = null);

/// <param name="Kept">The runtime keeps updates for debugging (<see cref="FedAvgRuntimeOptions.KeepClientUpdates"/>): nothing was deleted.</param>
public sealed record DiscardUpdatesResult(int Blobs, long Bytes, bool Kept, ActivityTiming Timing);
