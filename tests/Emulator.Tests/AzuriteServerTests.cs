using FedAvg.Common.Emulator;
using Azure.Storage.Blobs;
using FedAvg.Common.Storage;

namespace FedAvg.Common.Tests.Storage;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task Started_emulator_stores_and_returns_a_blob_and_stops_on_dispose()
    {
        int port;
        await using (var azurite = await AzuriteServer.StartAsync(location: null))
        {
            port = azurite.BlobPort;
            var container = new BlobContainerClient(azurite.ConnectionString, "probe");
            await container.CreateIfNotExistsAsync();
            await container.UploadBlobAsync("hello.txt", BinaryData.FromString("hello"));
            var content = await container.GetBlobClient("hello.txt").DownloadContentAsync();
            Assert.Equal("hello", content.Value.Content.ToString());
        }

        using var client = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }
}
