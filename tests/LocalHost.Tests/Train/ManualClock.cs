namespace FedAvg.LocalHost.Tests.Train;

/// <summary>A clock that stands still unless a test moves it, so elapsed times and ETAs are what the test says.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
