using System.CommandLine;
using FedAvg.Common.Data;

namespace FedAvg.LocalHost.Cli;

/// <summary>The <c>--data</c> option: a CIFAR-10 folder the user named must exist and be complete.</summary>
internal static class DataFolderOption
{
    public const string Flag = "--data";

    public static Option<string> Create() => new(Flag)
    {
        Description = $"CIFAR-10 binary folder (else {CifarDataFolder.EnvironmentVariable}, ./data/{CifarDataFolder.FolderName}, or a download)",
        HelpName = "DIR",
    };

    /// <summary>
    /// The folder the training data will come from, validated now so a typo fails before anything
    /// starts: <c>--data</c>, else FEDAVG_DATA, else ./data/cifar-10-batches-bin; null means none of
    /// them exists and the data will be downloaded (unless storage already holds it).
    /// </summary>
    public static string? ReadOrLocate(string? named)
    {
        if (Read(named) is { } folder)
        {
            return folder;
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

    /// <summary>The validated full path of the folder named with <c>--data</c>, or null when it was not given.</summary>
    public static string? Read(string? named)
    {
        if (named is null)
        {
            return null;
        }

        try
        {
            return CifarDataFolder.Verify(named);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"{Flag} {named}: no such folder");
        }
        catch (CifarFormatException e)
        {
            throw new UsageException($"{Flag} {named}: {e.Message}");
        }
    }
}
