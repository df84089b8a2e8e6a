using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FedAvg.Orchestrator.Functions;

/// <summary>Lets the shared <see cref="TaskActivity{TInput,TOutput}"/> classes run under an activity trigger.</summary>
internal sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } =
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
}
