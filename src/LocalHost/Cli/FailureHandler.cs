using Azure;
using FedAvg.LocalHost.Storage;
using Grpc.Core;

namespace FedAvg.LocalHost.Cli;

/// <summary>
/// The one place where a failure becomes what the user sees: one line on stderr and an exit code.
/// A stack trace only with <c>--verbose</c>, after that line.
/// </summary>
internal static class FailureHandler
{
    public const string VerboseFlag = "--verbose";

    public static async Task<int> ReportAsync(Exception failure, bool verbose, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(stderr);
        var (line, code) = Classify(failure, cancellationToken);
        await stderr.WriteLineAsync($"fedavg: {line}");
        if (verbose && code != ExitCodes.Usage)
        {
            await stderr.WriteLineAsync(failure.ToString());
        }

        return code;
    }

    public static (string Line, int ExitCode) Classify(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        UsageException => (failure.Message, ExitCodes.Usage),
        CommandFailedException failed => (failed.Message, failed.ExitCode),
        OperationCanceledException when cancellationToken.IsCancellationRequested => ("stopped", ExitCodes.Interrupted),
        _ => (Describe(failure), ExitCodes.Failure),
    };

    /// <summary>What went wrong, in one line, for a failure that is not the user's command line.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        StorageUnavailableException or StorageLostException => failure.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        RpcException rpc => $"the durable engine stopped answering ({rpc.StatusCode}: {FirstLine(rpc.Status.Detail)})",
        RequestFailedException storage => $"storage refused a request ({storage.Status} {storage.ErrorCode}: {FirstLine(storage.Message)})",
        HttpRequestException http => $"storage cannot be reached ({FirstLine(http.Message)})",
        IOException or UnauthorizedAccessException => FirstLine(failure.Message),
        _ => $"{FirstLine(failure.Message)} ({failure.GetType().Name}; {VerboseFlag} shows where)",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
