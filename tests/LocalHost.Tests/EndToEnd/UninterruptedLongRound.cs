namespace FedAvg.LocalHost.Tests.EndToEnd;

/// <summary>
/// <see cref="Run"/> trained once without interruption: the final model each storage failure's run must end in,
/// shared so that every such test costs one run, not two.
/// </summary>
public sealed class UninterruptedLongRound : IAsyncLifetime, IDisposable
{
    // One round of two clients that each train for a while, so the run is quiet (training, nothing durable
    // being written) when its Azurite is killed or frozen.
    internal static readonly string[] Run =
        ["train", "--rounds", "1", "--clients", "2", "--train-limit", "2000", "--test-limit", "200", "--local-epochs", "6", "--seed", "3"];

    private readonly TempFolder _folder = new();

    public byte[] Model { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using var train = FedavgProcess.Start(_folder.Path, Run);
        string id = await train.RunIdAsync(TimeSpan.FromMinutes(2));
        int code = await train.WaitForExitAsync(TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"exit {code}: {train.Stdout}{train.Stderr}");
        Model = await File.ReadAllBytesAsync(RunArtifacts.ModelFile(_folder.Path, id));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
