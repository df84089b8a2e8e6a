using FedAvg.Common.Data;

namespace FedAvg.LocalHost.Cli;

/// <summary>The <c>--data</c> flag: a CIFAR-10 folder the user named must exist and be complete.</summary>
internal static class DataFolderOption
{
    public const string Flag = "--data";

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
            return CifarDataFolder.Validate(folder);
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
