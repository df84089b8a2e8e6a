using System.Diagnostics;
using System.Globalization;

namespace FedAvg.LocalHost.Storage;

/// <summary>
/// Finds and gracefully stops Azurite processes serving a given data folder (Linux only; elsewhere
/// it finds none). Azurite flushes its databases only every 5 s and on SIGTERM, so a hard kill can
/// lose the last seconds of durable state; and a Azurite orphaned by a killed fedavg must be stopped
/// before another one opens the same folder.
/// </summary>
internal static class AzuriteProcesses
{
    public static IReadOnlyList<int> FindServing(string folder)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        string location = Path.GetFullPath(folder).TrimEnd('/');
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            int at = Array.IndexOf(args, "--location");
            if (at >= 0 && at + 1 < args.Length
                && args.Any(a => a.Contains("azurite", StringComparison.OrdinalIgnoreCase))
                && string.Equals(args[at + 1].TrimEnd('/'), location, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>SIGTERM, then waits for the exit; returns false if it is still running after <paramref name="grace"/>.</summary>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan grace)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) }, RedirectStandardError = true }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        var deadline = DateTime.UtcNow + grace;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Whether a process runs (a zombie, exited but not yet reaped, does not).</summary>
    public static bool IsRunning(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        try
        {
            // Field 3 of /proc/<pid>/stat is the state; Z is exited but not yet reaped.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
