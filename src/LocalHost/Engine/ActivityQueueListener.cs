using System.Reflection;
using DurableTask.AzureStorage;

namespace FedAvg.LocalHost.Engine;

/// <summary>
/// Readies the Azure Storage provider to take activities off the task hub's work-item queue without starting it.
/// Starting it would also start partition management, and a worker that held the control queue's lease would
/// keep the orchestrations from the process that drives them. The provider has no public switch for this: what
/// <c>StartAsync</c> does for activities is create the task hub and the shutdown token its dequeue loop links to,
/// and mark this process as allowed to take activities (which with the app lease off it always is), so that is
/// all this does. The provider's version is pinned in Directory.Packages.props; the members are looked up when
/// the listener starts and a missing one fails it there, and the engine's activities-only test fails too.
/// </summary>
internal sealed class ActivityQueueListener(AzureStorageOrchestrationService service) : IDisposable
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    private CancellationTokenSource? _shutdown;

    public async Task StartAsync()
    {
        var type = typeof(AzureStorageOrchestrationService);
        FieldInfo shutdownSource = type.GetField("shutdownSource", Private) ?? throw new MissingFieldException(type.FullName, "shutdownSource");
        FieldInfo appLeaseField = type.GetField("appLeaseManager", Private) ?? throw new MissingFieldException(type.FullName, "appLeaseManager");
        object appLease = appLeaseField.GetValue(service) ?? throw new InvalidOperationException("The provider has no app lease manager.");
        MethodInfo setActivityOwnership = appLease.GetType().GetMethod("SetActivityOwnership", Private, [typeof(bool)])
            ?? throw new MissingMethodException(appLease.GetType().FullName, "SetActivityOwnership");

        await service.CreateIfNotExistsAsync();
        _shutdown = new CancellationTokenSource();
        shutdownSource.SetValue(service, _shutdown);
        setActivityOwnership.Invoke(appLease, [true]);
    }

    /// <summary>Ends the provider's dequeue waits, as stopping it would.</summary>
    public void Stop() => _shutdown?.Cancel();

    public void Dispose() => _shutdown?.Dispose();
}
