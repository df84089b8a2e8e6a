namespace FedAvg.LocalHost.Bench;

/// <summary>
/// This process's resident memory, as Linux counts it (native TorchSharp memory included, which the GC's
/// numbers miss). The peak can be reset so each benchmark configuration gets its own.
/// </summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes() => Read("VmRSS:") ?? Environment.WorkingSet / (1024.0 * 1024.0);

    public static double PeakResidentMegabytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return Read("VmHWM:") ?? process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Starts a new peak from the current resident size (Linux: /proc/self/clear_refs).</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then covers the whole process.
        }
    }

    private static double? Read(string field)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string kb = line[field.Length..].Trim().Split(' ')[0];
                    return double.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux.
        }

        return null;
    }
}
