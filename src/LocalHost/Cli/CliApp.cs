using System.CommandLine;
using System.Runtime.InteropServices;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// The <c>fedavg</c> entry point: parses the command line (one line and exit 2 when it is wrong),
/// runs the command, and hands every failure to <see cref="FailureHandler"/>.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops gracefully (the run stays resumable); a second one does not wait.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };

        // A failure on a thread of the engine or a library ends the process too, but in one line.
        bool verbose = args.Contains(FailureHandler.VerboseFlag);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var failure = e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString());
            Environment.Exit(FailureHandler.ReportAsync(failure, verbose, Console.Error, CancellationToken.None).GetAwaiter().GetResult());
        };

        return RunAsync(args, Console.Out, Console.Error, stop.Token).GetAwaiter().GetResult();
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C and SIGTERM are handled above, so a run is stopped gracefully, once.
            ProcessTerminationTimeout = null,
        };
        RootCommand root = FedavgCommand.Create();
        ParseResult parse = root.Parse([.. args]);
        if (args.Count == 0)
        {
            // Bare fedavg: the overview, but as a usage error (nothing was asked for).
            await root.Parse(["--help"]).InvokeAsync(configuration, cancellationToken);
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"fedavg: {ParseErrorLine.Describe(parse)}");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
#pragma warning disable CA1031 // The one error handler: every failure ends in one line and an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return await FailureHandler.ReportAsync(e, parse.GetValue(FedavgCommand.Verbose), stderr, cancellationToken);
        }
    }
}
