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

    /// <summary>A fan-in tree's sums of one group of a round's updates, beside them: it goes when the round's updates go.</summary>
    public static string PartialSum(string runId, int round, int group) =>
        $"{RoundUpdates(runId, round)}partial-{group.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}.weights";

    public static string ServerMomentum(string runId, int round) => $"{runId}/rounds/{Round(round)}/server-momentum.weights";

    /// <summary>The adaptive server optimisers' second moment v after the round; their first moment is <see cref="ServerMomentum"/>.</summary>
    public static string ServerSecondMoment(string runId, int round) => $"{runId}/rounds/{Round(round)}/server-second-moment.weights";

    /// <summary>SCAFFOLD's server control c after the round.</summary>
    public static string ServerControl(string runId, int round) => $"{runId}/rounds/{Round(round)}/server-control.weights";

    /// <summary>
    /// SCAFFOLD's control c_i of a client as its training in <paramref name="round"/> left it. Named by the round too, so
    /// a retried training rewrites its own output and never reads it as its input.
    /// </summary>
    public static string ClientControl(string runId, int client, int round) => $"{ClientControls(runId)}{Client(client)}/round-{Round(round)}.weights";

    /// <summary>The folder (name prefix) of every SCAFFOLD client control of a run.</summary>
    public static string ClientControls(string runId) => $"{runId}/controls/";

    /// <summary>c_i⁺ − c_i of a client's round, beside its update: it goes when the round's updates go.</summary>
    public static string ClientControlDelta(string runId, int round, int client) => $"{RoundUpdates(runId, round)}{Client(client)}.control-delta.weights";

    public static string Result(string runId) => $"{runId}/result.json";

    /// <summary>Present once the run was stopped; see <see cref="Orchestration.RunStop"/>.</summary>
    public static string StopMarker(string runId) => $"{runId}/stopped.json";

    /// <summary>Round 0 is the initial model.</summary>
    public static string GlobalModel(string runId, int round) => $"{runId}/round-{Round(round)}.weights";

    public static string ClientName(int client) => Client(client);

    private static string Round(int round) => round.ToString("D4", CultureInfo.InvariantCulture);

    private static string Client(int client) => "client-" + client.ToString("D4", CultureInfo.InvariantCulture);
}
