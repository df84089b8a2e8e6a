using System.CommandLine;

namespace FedAvg.LocalHost.Cli;

/// <summary><c>fedavg</c> and its commands, as System.CommandLine builds help, completion and errors from them.</summary>
internal static class FedavgCommand
{
    /// <summary>On every command: a failure's stack trace after its one line.</summary>
    public static Option<bool> Verbose { get; } = new(FailureHandler.VerboseFlag)
    {
        Description = "after a failure's one line, its stack trace",
        Recursive = true,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand(
            "fedavg - federated averaging on CIFAR-10 on a local durable engine (Azurite or AzureWebJobsStorage).\n\n" +
            "Exit codes: 0 ok, 1 failed, 2 bad command line or refused to start, 130 stopped by Ctrl+C.\n" +
            "State (runs, models, the task hub) lives in Azurite in ./.azurite, or in the folder FEDAVG_STATE names (or in the " +
            "account AzureWebJobsStorage names). Every serve, train and bench resumes the runs left unfinished there: fedavg runs " +
            "shows them, fedavg runs --stop-unfinished stops them.")
        {
            TrainCommand.Create(),
            ServeCommand.Create(),
            PredictCommand.Create(),
            PartitionCommand.Create(),
            BenchCommand.Create(),
            RunsCommand.Create(),
            WorkerCommand.Create(),
        };
        root.Options.Add(Verbose);
        return root;
    }

    /// <summary>Where a command's action writes: what <see cref="CliApp"/> handed the invocation.</summary>
    public static TextWriter Out(ParseResult parse) => (parse ?? throw new ArgumentNullException(nameof(parse))).InvocationConfiguration.Output;

    public static TextWriter Error(ParseResult parse) => (parse ?? throw new ArgumentNullException(nameof(parse))).InvocationConfiguration.Error;
}
