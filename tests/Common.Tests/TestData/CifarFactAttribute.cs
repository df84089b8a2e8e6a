namespace FedAvg.Common.Tests.TestData;

/// <summary>A fact that needs the real CIFAR-10 binaries; reported as skipped (not passed) where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CifarFactAttribute : FactAttribute
{
    public CifarFactAttribute()
    {
        if (!CifarTestFiles.Available)
        {
            Skip = "CIFAR-10 binaries not found: set FEDAVG_CIFAR_DIR or place shared/data/cifar-10-batches-bin above the repo.";
        }
    }
}
