using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FedAvg.Common.Data;
using FedAvg.Common.Orchestration;
using FedAvg.Common.Partitioning;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg partition</c>: each client's class counts for a Dirichlet or IID split.</summary>
internal static class PartitionCommand
{
    private static readonly string[] Headings = ["client", "samples"];

    public static Command Create()
    {
        var request = RequestOptions.Only(
            TrainingRequestFields.Clients, TrainingRequestFields.Alpha, TrainingRequestFields.Partition, TrainingRequestFields.Seed, TrainingRequestFields.TrainLimit);
        var data = DataFolderOption.Create();
        var json = new Option<bool>("--json") { Description = "print the split as JSON" };
        var command = new Command("partition", "show how many training images of each class every client gets: the split fedavg train would draw");
        request.AddTo(command, preset: false);
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var built = request.Read(parse).Build();
            request.ThrowIfAny(parse, TrainingRequestValidator.Validate(built));
            var args = new PartitionArguments(built, DataFolderOption.Read(parse.GetValue(data)), parse.GetValue(json), request.NamesAsTyped(parse));
            return RunAsync(args, FedavgCommand.Out(parse), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(PartitionArguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        string folder = args.DataFolder ?? LocateData();
        byte[] labels = await Task.Run(() => CifarBinaryReader.ReadTrainingLabels(folder), cancellationToken);
        if (RunPartition.Check(args.Request, labels) is { Any: true } unsplittable)
        {
            throw new UsageException(unsplittable.Describe(args.OptionName, first: true));
        }

        ClientPartition partition = RunPartition.Split(args.Request, labels);
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
