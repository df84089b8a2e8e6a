namespace FedAvg.Common.Orchestration;

/// <summary>
/// Hears of every activity a host runs (<c>fedavg worker</c> prints them): its name and input as it starts, and how
/// long it took and whether it failed as it ends. Called on the activity's own thread; keep it quick.
/// </summary>
public sealed record ActivityObserver(Action<string, object?> Started, Action<string, object?, TimeSpan, Exception?> Finished);
