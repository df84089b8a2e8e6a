namespace FedAvg.LocalHost.Engine;

/// <summary>What an engine takes off the task hub's queues and runs in this process.</summary>
internal enum EngineWork
{
    /// <summary>Nothing: instances can be listed, started and terminated, but none advances here.</summary>
    None,

    /// <summary>
    /// Orchestrations but no activity: a terminate takes effect and histories move on, yet no run's
    /// training or evaluation executes here (what <c>fedavg runs --stop</c> needs).
    /// </summary>
    OrchestrationsOnly,

    /// <summary>
    /// Activities but no orchestration (<c>fedavg worker</c>): this process trains and evaluates for runs whose
    /// orchestrations another process drives, and never takes the task hub's partition lease from it.
    /// </summary>
    ActivitiesOnly,

    /// <summary>Orchestrations and activities: every unfinished run resumes here.</summary>
    Everything,
}
