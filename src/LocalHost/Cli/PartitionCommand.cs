using System.Globalization;
using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.Common.Partitioning;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg partition</c>: each client's class counts for a Dirichlet or IID split.</summary>
internal static class PartitionCommand
{
    private static readonly string[] Headings = ["client", "samples"];

    public static PartitionArguments Read(IReadOnlyList<string> args)
    {
        var reader = ArgumentReader.Parse(
            "partition", args, ["--json", "--help"], ["--clients", "--alpha", "--partition", "--seed", "--train-limit", DataFolderOption.Flag]);
        double alpha = reader.Double("--alpha") ?? 0.5;
        if (!(alpha > 0) || alpha > 1e6)
        {
            throw new UsageException("--alpha must be above 0 (and at most 1e6)");
        }

        string kind = reader.String("--partition") ?? "dirichlet";
        if (kind is not ("dirichlet" or "iid"))
        {
            throw new UsageException("--partition must be dirichlet or iid");
        }

        return new PartitionArguments(
            reader.Int("--clients", 1, 1000) ?? 5,
            alpha,
            kind,
            reader.Int("--seed") ?? 42,
            reader.Int("--train-limit", 1, 50_000),
            DataFolderOption.Read(reader),
            reader.Has("--json"));
    }

    public static async Task<int> RunAsync(PartitionArguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        string folder = args.DataFolder ?? LocateData();
        CifarDataset training = await Task.Run(() => CifarBinaryReader.ReadTrainingSet(folder, args.TrainLimit), cancellationToken);
        if (args.Clients > training.Count)
        {
            throw new UsageException($"--clients must be at most the {training.Count} training images");
        }

        ClientPartition partition;
        try
        {
            partition = args.Kind == "iid"
                ? IidPartitioner.Partition(training.Labels, args.Clients, args.Seed)
                : DirichletPartitioner.Partition(training.Labels, args.Clients, args.Alpha, args.Seed);
        }
        catch (PartitionException e)
        {
            throw new UsageException(e.Message);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException(e.Message.Split(Environment.NewLine)[0]);
        }

        if (args.Json)
        {
            var clients = Enumerable.Range(0, partition.Clients)
                .Select(c => new { client = c, samples = partition.SampleCounts[c], classes = partition.ClassHistogram[c] });
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { classNames = CifarClasses.Names, clients }));
            return ExitCodes.Success;
        }

        await stdout.WriteLineAsync(Table(partition));
        return ExitCodes.Success;
    }

    private static string LocateData()
    {
        try
        {
            return CifarDataFolder.Locate(null)
                ?? throw new UsageException($"no CIFAR-10 folder: pass {DataFolderOption.Flag} DIR or set {CifarDataFolder.EnvironmentVariable} (fedavg train downloads it to ./data)");
        }
        catch (Exception e) when (e is DirectoryNotFoundException or CifarFormatException)
        {
            throw new UsageException($"{CifarDataFolder.EnvironmentVariable}: {e.Message}");
        }
    }

    private static string Table(ClientPartition partition)
    {
        var names = CifarClasses.Names;
        var lines = new List<string>
        {
            string.Join(' ', Headings.Concat(names).Select((h, i) => h.PadLeft(i == 0 ? 6 : Math.Max(7, h.Length)))),
        };
        for (int c = 0; c < partition.Clients; c++)
        {
            var cells = new List<string>
            {
                c.ToString(CultureInfo.InvariantCulture).PadLeft(6),
                partition.SampleCounts[c].ToString(CultureInfo.InvariantCulture).PadLeft(7),
            };
            cells.AddRange(names.Select((name, k) => partition.ClassHistogram[c][k].ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(7, name.Length))));
            lines.Add(string.Join(' ', cells));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
