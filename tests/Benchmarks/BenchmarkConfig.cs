using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FedAvg.Benchmarks;

/// <summary>
/// ShortRun (3 warm-ups, 3 measured iterations), in process: the work is native torch code or large vector
/// loops, which a separate generated process would not measure differently, and on a shared two-core machine
/// skipping that extra build matters. Op/s is images/s where a benchmark sets OperationsPerInvoke to its images.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddColumn(new GigabytesPerSecondColumn());
    }
}
