using Microsoft.Extensions.Logging;

namespace FedAvg.LocalHost.Hosting;

/// <summary>
/// The engine's own logs (sidecar, worker, Azure Storage provider), off unless FEDAVG_LOG names a level
/// (debug, information, warning...): they go to stderr, leaving stdout to fedavg's output.
/// </summary>
internal static class EngineLogging
{
    public const string Variable = "FEDAVG_LOG";

    public static ILoggerFactory? FromEnvironment()
    {
        string? level = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(level) || !Enum.TryParse(level, ignoreCase: true, out LogLevel minimum) || minimum == LogLevel.None)
        {
            return null;
        }

        return LoggerFactory.Create(logging => logging
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
    }
}
