using System.Globalization;
using FedAvg.Common.Data;

namespace FedAvg.LocalHost.Hosting;

/// <summary>Reports a CIFAR-10 download as a line every 10%, never a flood.</summary>
internal sealed class DownloadReporter(TextWriter output) : IProgress<DownloadProgress>
{
    private int _lastDecile = -1;

    public void Report(DownloadProgress value)
    {
        int decile = value.Total is > 0 and long total ? (int)(value.Bytes * 10 / total) : (int)(value.Bytes >> 24);
        if (decile == Interlocked.Exchange(ref _lastDecile, decile))
        {
            return;
        }

        string line = value.Total is > 0 and long size
            ? string.Create(CultureInfo.InvariantCulture, $"fedavg: downloading CIFAR-10: {decile * 10}% of {size >> 20} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"fedavg: downloading CIFAR-10: {value.Bytes >> 20} MiB");
        lock (output)
        {
            output.WriteLine(line);
        }
    }
}
