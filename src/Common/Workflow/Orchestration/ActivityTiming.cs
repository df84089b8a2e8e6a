namespace FedAvg.Common.Orchestration;

/// <summary>
/// When an activity was busy (wall clock, measured inside the activity). The orchestrator unions
/// these intervals per round: what remains of the round is orchestration overhead.
/// </summary>
public sealed record ActivityTiming(DateTimeOffset Start, DateTimeOffset End)
{
    public double Seconds => (End - Start).TotalSeconds;

    /// <summary>Total length of the union of <paramref name="intervals"/>.</summary>
    public static double BusySeconds(IEnumerable<ActivityTiming> intervals)
    {
        double busy = 0;
        DateTimeOffset? start = null, end = null;
        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            if (end is null || interval.Start > end)
            {
                if (end is not null)
                {
                    busy += (end.Value - start!.Value).TotalSeconds;
                }

                (start, end) = (interval.Start, interval.End);
            }
            else if (interval.End > end)
            {
                end = interval.End;
            }
        }

        return end is null ? 0 : busy + (end.Value - start!.Value).TotalSeconds;
    }
}
