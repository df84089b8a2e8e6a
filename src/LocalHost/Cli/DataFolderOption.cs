using FedAvg.Common.Data;

namespace FedAvg.LocalHost.Cli;

/// <summary>The <c>--data</c> flag: a CIFAR-10 folder the user named must exist and be complete.</summary>
internal static class DataFolderOption
{
    public const string Flag = "--data";

    /// <summary>
    /// The folder the training data will come from, validated now so a typo fails before anything
    /// starts: <c>--data</c>, else FEDAVG_DATA, else ./data/cifar-10-batches-bin; null means none of
    /// them exists and the data will be downloaded (unless storage already holds it).
    /// </summary>
    public static string? ReadOrLocate(ArgumentReader reader)
    {
        if (Read(reader) is { } named)
        {
            return named;
        }

        try
        {
            return CifarDataFolder.Locate(null);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or CifarFormatException)
        {
            throw new UsageException($"{CifarDataFolder.EnvironmentVariable}: {e.Message}");
        }
    }

    /// <summary>The validated full path, or null when the flag is absent.</summary>
    public static string? Read(ArgumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.String(Flag) is not { } folder)
        {
            return null;
        }

        try
        {
            return CifarDataFolder.Verify(folder);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"{Flag} {folder}: no such folder");
        }
        catch (CifarFormatException e)
        {
            throw new UsageException($"{Flag} {folder}: {e.Message}");
        }
    }
}
