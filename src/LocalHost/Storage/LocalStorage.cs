using FedAvg.Common.Storage;
using FedAvg.Common.Emulator;
using FedAvg.LocalHost.Serve;

namespace FedAvg.LocalHost.Storage;

/// <summary>
/// The storage account the local host uses: <c>AzureWebJobsStorage</c> when set (as in the Functions
/// app), else Azurite with its data in a folder (<c>FEDAVG_STATE</c>, else ./.azurite). One fedavg process owns a folder's Azurite (a lock
/// file says which); another fedavg on the same folder shares it instead of opening the files twice.
/// </summary>
internal sealed class LocalStorage : IAsyncDisposable
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string DefaultFolder = ".azurite";

    /// <summary>Names the Azurite folder, so separate experiments (or a benchmark) keep separate task hubs.</summary>
    public const string StateVariable = "FEDAVG_STATE";

    private const string LockFile = "fedavg.lock";
    private const string EndpointFile = "fedavg.endpoint";
    private const string DefaultPortsLockFile = "fedavg-azurite-10000.lock";
    private static readonly int[] DefaultPorts = [10000, 10001, 10002];
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);

    // Azurite saves its databases every 5 s when they changed.
    private static readonly TimeSpan OrphanFlush = TimeSpan.FromSeconds(6);

    private readonly AzuriteServer? _azurite;
    private readonly IReadOnlyList<FileStream> _locks;
    private readonly string? _folder;
    private int _disposing;

    private LocalStorage(string connectionString, string description, AzuriteServer? azurite = null, IReadOnlyList<FileStream>? locks = null, string? folder = null)
    {
        ConnectionString = connectionString;
        Description = description;
        _azurite = azurite;
        _locks = locks ?? [];
        _folder = folder;
    }

    /// <summary>The Azurite folder the commands use: <see cref="StateVariable"/> when set, else <see cref="DefaultFolder"/>.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(StateVariable) is { } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : DefaultFolder;

    public string ConnectionString { get; }

    /// <summary>Where the state lives, for the user (never the key).</summary>
    public string Description { get; }

    /// <summary>
    /// Completes with a one-line reason when the Azurite this process started exits before it is
    /// disposed (killed, crashed); never for a shared Azurite or a storage account, whose failures
    /// surface as errors of the requests instead.
    /// </summary>
    public Task<string> Lost => _azurite is null
        ? new TaskCompletionSource<string>().Task
        : _azurite.Exited.ContinueWith(
            _ => $"storage stopped: Azurite (pid {_azurite.ProcessId}) serving {_folder} exited",
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);

    /// <summary>Whether <see cref="Lost"/> has happened, as opposed to this process stopping Azurite itself.</summary>
    public bool IsLost => _azurite is { Exited.IsCompleted: true } && Volatile.Read(ref _disposing) == 0;

    public static async Task<LocalStorage> OpenAsync(string azuriteFolder, CancellationToken cancellationToken = default)
    {
        string? configured = Environment.GetEnvironmentVariable(ConnectionSetting);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new LocalStorage(configured, $"the storage account in {ConnectionSetting}");
        }

        string folder = Path.GetFullPath(azuriteFolder);
        Directory.CreateDirectory(folder);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (TryLock(folder) is { } owned)
            {
                return await StartOwnedAsync(folder, owned, cancellationToken);
            }

            // Another fedavg owns this folder; share its Azurite once it has published the endpoint.
            if (await TryReadSharedAsync(folder, cancellationToken) is { } shared)
            {
                return new LocalStorage(shared, $"Azurite of another fedavg process ({folder})");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StorageUnavailableException($"{folder} is locked by another fedavg process that does not answer; stop it or delete {Path.Combine(folder, LockFile)}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposing, 1);
        if (_azurite is not null)
        {
            File.Delete(Path.Combine(_folder!, EndpointFile));
            foreach (int pid in AzuriteProcesses.FindServing(_folder!))
            {
                await AzuriteProcesses.TerminateAsync(pid, GracefulStop);
            }

            await _azurite.DisposeAsync();
        }

        foreach (FileStream held in _locks)
        {
            await held.DisposeAsync();
        }
    }

    private static async Task<LocalStorage> StartOwnedAsync(string folder, FileStream lockStream, CancellationToken cancellationToken)
    {
        FileStream? defaultPorts = null;
        try
        {
            File.Delete(Path.Combine(folder, EndpointFile));

            // Holding the lock, any Azurite still serving this folder was orphaned by a fedavg that was
            // killed. Its stdout pipe is broken, so on SIGTERM it can die of EPIPE on its first log line
            // before closing its databases; but nothing writes to it any more, so one autosave interval
            // puts everything the dead process wrote on disk first.
            IReadOnlyList<int> orphans = AzuriteProcesses.FindServing(folder);
            if (orphans.Count > 0)
            {
                await Task.Delay(OrphanFlush, cancellationToken);
                foreach (int pid in orphans)
                {
                    await AzuriteProcesses.TerminateAsync(pid, GracefulStop);
                }
            }

            // The default ports are claimed through a machine-wide lock: two fedavg processes starting
            // at once could otherwise both see them free, and the loser's readiness check would be
            // answered by the winner's Azurite, serving another folder.
            defaultPorts = TryLock(Path.GetTempPath(), DefaultPortsLockFile);
            if (defaultPorts is not null && !DefaultPorts.All(PortProbe.IsFree))
            {
                await defaultPorts.DisposeAsync();
                defaultPorts = null;
            }

            AzuriteServer azurite;
            try
            {
                azurite = defaultPorts is not null
                    ? await AzuriteServer.StartAsync(folder, DefaultPorts[0], DefaultPorts[1], DefaultPorts[2], cancellationToken)
                    : await AzuriteServer.StartAsync(folder, cancellationToken: cancellationToken);
            }
            catch (FileNotFoundException e)
            {
                // A fresh clone: the pinned emulator comes from npm.
                throw new StorageUnavailableException($"{e.Message.TrimEnd('.')} (make tools installs it)", e);
            }
            catch (InvalidOperationException e)
            {
                throw new StorageUnavailableException(e.Message.Split('\n', 2)[0].Trim(), e);
            }
            await File.WriteAllTextAsync(
                Path.Combine(folder, EndpointFile), $"{Environment.ProcessId}\n{azurite.ConnectionString}", cancellationToken);
            return new LocalStorage(
                azurite.ConnectionString, $"Azurite on 127.0.0.1:{azurite.BlobPort} ({folder})", azurite, [lockStream, .. defaultPorts is null ? [] : new[] { defaultPorts }], folder);
        }
        catch
        {
            if (defaultPorts is not null)
            {
                await defaultPorts.DisposeAsync();
            }

            await lockStream.DisposeAsync();
            throw;
        }
    }

    private static FileStream? TryLock(string folder, string name = LockFile)
    {
        try
        {
            // FileShare.None takes an advisory lock on Unix, which the OS drops when the process dies.
            return new FileStream(Path.Combine(folder, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<string?> TryReadSharedAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            // "owner pid\nconnection string". A dead owner's lock is released a moment after its death
            // (or it wrote the file before being killed): wait for the lock rather than share an orphan.
            string[] lines = (await File.ReadAllTextAsync(Path.Combine(folder, EndpointFile), cancellationToken)).Split('\n', 2);
            return lines.Length == 2
                && int.TryParse(lines[0], System.Globalization.CultureInfo.InvariantCulture, out int owner)
                && AzuriteProcesses.IsRunning(owner)
                && lines[1].Contains("BlobEndpoint=", StringComparison.Ordinal)
                ? lines[1].Trim()
                : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
