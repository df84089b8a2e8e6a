using System.Net;
using System.Net.Sockets;
using FedAvg.LocalHost.Cli;
using FedAvg.LocalHost.Serve;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedAvg.LocalHost.Tests.Serve;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("", "127.0.0.1")]
    [InlineData(" ", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData(" 0.0.0.0 ", "0.0.0.0")]
    [InlineData("::", "::")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void Reads_an_address_and_defaults_to_loopback(string? value, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), ListenAddress.Parse(value));
    }

    [Fact]
    public void A_value_that_is_not_an_address_is_a_usage_error_naming_the_variable()
    {
        var error = Assert.Throws<UsageException>(() => ListenAddress.Parse("localhost:8000"));
        Assert.Equal("FEDAVG_LISTEN=localhost:8000: not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)", error.Message);
    }

    [Fact]
    public void Displays_as_in_a_url()
    {
        Assert.Equal("127.0.0.1:7071", ListenAddress.Display(IPAddress.Loopback, 7071));
        Assert.Equal("0.0.0.0:8000", ListenAddress.Display(IPAddress.Any, 8000));
        Assert.Equal("[::]:8000", ListenAddress.Display(IPAddress.IPv6Any, 8000));
    }

    // The container image listens on 0.0.0.0: the app must bind every interface, loopback included.
    [Fact]
    public async Task Serve_app_on_the_wildcard_address_binds_it_and_answers_on_loopback()
    {
        using var timeout = new CancellationTokenSource(Patience.For(TimeSpan.FromSeconds(60)));
        await using var client = new GrpcDurableTaskClient(
            "listen-test", new GrpcDurableTaskClientOptions { Address = "http://127.0.0.1:1" }, NullLogger.Instance);
        int port = FreeTcpPorts.Next(IPAddress.Any);
        await using var app = ServeApp.Build(port, client, predictions: null, address: IPAddress.Any);
        await app.StartAsync(timeout.Token);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Equal([$"http://0.0.0.0:{port}"], addresses);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var openApi = await http.GetAsync("/openapi/v1.json", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        await app.StopAsync(timeout.Token);
    }
}
