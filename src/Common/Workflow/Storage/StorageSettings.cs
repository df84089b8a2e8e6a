namespace FedAvg.Common.Storage;

/// <summary>
/// Finds the storage account from the environment the way Functions does: a connection string, or
/// identity-based settings (<c>__blobServiceUri</c> / <c>__accountName</c>) with no keys at all.
/// </summary>
public static class StorageSettings
{
    public static FedAvgStorage? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        foreach (string prefix in new[] { "FedAvgStorage", "AzureWebJobsStorage" })
        {
            string? connection = read(prefix);
            if (!string.IsNullOrWhiteSpace(connection))
            {
                return FedAvgStorage.FromConnectionString(connection.Trim());
            }

            string? serviceUri = read(prefix + "__blobServiceUri");
            if (!string.IsNullOrWhiteSpace(serviceUri))
            {
                return FedAvgStorage.FromServiceUri(new Uri(serviceUri));
            }

            string? account = read(prefix + "__accountName");
            if (!string.IsNullOrWhiteSpace(account))
            {
                return FedAvgStorage.FromServiceUri(new Uri($"https://{account}.blob.core.windows.net"));
            }
        }

        return null;
    }
}
