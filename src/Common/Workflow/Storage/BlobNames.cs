using System.Globalization;

namespace FedAvg.Common.Storage;

/// <summary>
/// Every blob the product writes has a name fixed by (run, round, client), so a retried activity
/// overwrites its own output instead of adding a second copy.
/// </summary>
public static class BlobNames
{
    public const string TrainingSet = "cifar-10/train.shard";
    public const string TestSet = "cifar-10/test.shard";
    public const string LatestModel = "latest.json";

    public static string ClientShard(string runId, int client) => $"{runId}/clients/{Client(client)}.shard";

    public static string Partition(string runId) => $"{runId}/partition.json";

    public static string ClientUpdate(string runId, int round, int client) => $"{RoundUpdates(runId, round)}{Client(client)}.weights";

    /// <summary>The folder (name prefix) of every client update of one round.</summary>
    public static string RoundUpdates(string runId, int round) => $"{runId}/rounds/{Round(round)}/updates/";

    public static string ServerMomentum(string runId, int round) => $"{runId}/rounds/{Round(round)}/server-momentum.weights";

    public static string Result(string runId) => $"{runId}/result.json";

    /// <summary>Present once the run was stopped; see <see cref="Orchestration.RunStop"/>.</summary>
    public static string StopMarker(string runId) => $"{runId}/stopped.json";

    /// <summary>Round 0 is the initial model.</summary>
    public static string GlobalModel(string runId, int round) => $"{runId}/round-{Round(round)}.weights";

    public static string ClientName(int client) => Client(client);

    private static string Round(int round) => round.ToString("D4", CultureInfo.InvariantCulture);

    private static string Client(int client) => "client-" + client.ToString("D4", CultureInfo.InvariantCulture);
}
