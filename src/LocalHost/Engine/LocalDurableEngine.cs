using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedAvg.LocalHost.Engine;

/// <summary>
/// A durable orchestration engine in this process, without Functions Core Tools: the Durable Task
/// gRPC sidecar over the Azure Storage provider (the backend Durable Functions uses), a worker that
/// runs the registered orchestrators and activities, and a client. State lives in the storage
/// account, so a new engine on the same account resumes whatever an earlier one left unfinished.
/// </summary>
internal sealed class LocalDurableEngine : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly LocalDurableEngineOptions _options;
    private readonly AzureStorageOrchestrationService _storage;
    private readonly ActivityLockKeeper _activities;
    private readonly ActivityQueueListener _listener;
    private readonly SubOrchestrationPurger? _purger;
    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;
    private readonly IHost _client;
    private IHost? _worker;
    private int _disposed;

    private LocalDurableEngine(
        LocalDurableEngineOptions options,
        AzureStorageOrchestrationService storage,
        ActivityLockKeeper activities,
        ActivityQueueListener listener,
        SubOrchestrationPurger? purger,
        WebApplication sidecar,
        GrpcChannel channel,
        IHost client)
    {
        _options = options;
        _storage = storage;
        _activities = activities;
        _listener = listener;
        _purger = purger;
        _sidecar = sidecar;
        _channel = channel;
        _client = client;
        Client = client.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>Schedules, queries and awaits orchestration instances.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Finished sub-orchestrations deleted by this engine so far; 0 when it keeps them.</summary>
    public long PurgedSubOrchestrations => _purger?.Purged ?? 0;

    /// <summary>What this engine runs; <see cref="EngineWork.None"/> until <see cref="StartWorkerAsync"/>.</summary>
    public EngineWork Work => _activities.Work;

    /// <summary>Opens the task hub and starts a worker that runs everything in it.</summary>
    public static async Task<LocalDurableEngine> StartAsync(
        LocalDurableEngineOptions options,
        Action<DurableTaskRegistry> registerTasks,
        CancellationToken cancellationToken = default)
    {
        LocalDurableEngine engine = await OpenAsync(options, cancellationToken);
        try
        {
            await engine.StartWorkerAsync(registerTasks, EngineWork.Everything, cancellationToken);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the task hub with a client only: nothing in it advances until <see cref="StartWorkerAsync"/>,
    /// so a command can look at the unfinished runs before any of them resumes.
    /// </summary>
    public static async Task<LocalDurableEngine> OpenAsync(LocalDurableEngineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;

        var storage = new AzureStorageOrchestrationService(EngineTuning.Create(options));
        await storage.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        var listener = new ActivityQueueListener(storage);
        var purger = options.KeepRoundHistory ? null : new SubOrchestrationPurger(id => storage.PurgeInstanceHistoryAsync(id));
        var activities = new ActivityLockKeeper(storage, EngineTuning.ActivityRenewal(options), listener.StartAsync, listener.Stop, purger);

        (WebApplication sidecar, Uri address) = await GrpcSidecar.StartAsync(activities, storage, loggerFactory, cancellationToken);
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = GrpcSidecar.MaxMessageBytes,
            MaxSendMessageSize = GrpcSidecar.MaxMessageBytes,
        });

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        IHost client = builder.Build();
        await client.StartAsync(cancellationToken);

        return new LocalDurableEngine(options, storage, activities, listener, purger, sidecar, channel, client);
    }

    /// <summary>
    /// Connects a worker with <paramref name="registerTasks"/>: from now on the engine runs the task
    /// hub's <paramref name="work"/>, unfinished runs included. Once per engine.
    /// </summary>
    public async Task StartWorkerAsync(Action<DurableTaskRegistry> registerTasks, EngineWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registerTasks);
        if (work == EngineWork.None)
        {
            throw new ArgumentOutOfRangeException(nameof(work), work, "A worker takes some work.");
        }

        if (_worker is not null)
        {
            throw new InvalidOperationException("The engine's worker has already started.");
        }

        // The sidecar starts dispatching when the worker connects, so the work is set first.
        _activities.Work = work;
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(_options.LoggerFactory ?? NullLoggerFactory.Instance);
        _options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(_channel);
        });
        _worker = builder.Build();
        await _worker.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops taking work and hands running activities back to the task hub. Unfinished orchestrations
    /// stay in storage for the next engine; nothing is cancelled or lost.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Every step is bounded: on Ctrl+C the terminal signals Azurite too, so storage may already be
        // gone; whatever a step leaves undone (a lease, a message lock) expires on its own.
        if (_worker is { } worker)
        {
            await BoundedAsync(token => worker.StopAsync(token));
        }

        await BoundedAsync(token => _client.StopAsync(token));
        await BoundedAsync(_ => _activities.AbandonAllAsync());
        if (_purger is not null)
        {
            await _purger.DisposeAsync();
        }


        // The sidecar stops the provider only once every dispatched work item has finished, which an
        // activity cut off from its worker never does; stop it here so its partition lease is released.
        await BoundedAsync(_ => _activities.StopOnceAsync());
        await BoundedAsync(token => _sidecar.StopAsync(token));
        await _sidecar.DisposeAsync();
        _worker?.Dispose();
        _client.Dispose();
        _channel.Dispose();
        _storage.Dispose();
        _listener.Dispose();
        _activities.Dispose();
    }

    private static async Task BoundedAsync(Func<CancellationToken, Task> step)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await step(timeout.Token).WaitAsync(timeout.Token);
        }
#pragma warning disable CA1031 // Shutdown goes on past a failed step; the durable state stays consistent.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
