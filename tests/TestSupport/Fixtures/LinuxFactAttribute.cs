namespace FedAvg.Common.Tests.Fixtures;

/// <summary>A fact about Linux-only behaviour; reported as skipped elsewhere instead of passing without a check.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only.";
        }
    }
}
