using Microsoft.DurableTask;

namespace FedAvg.Common.Tests.Orchestration;

/// <summary>What an activity is handed when a test calls it directly, without an engine.</summary>
internal sealed class StubActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
