using System.Net;
using System.Net.Sockets;

namespace FedAvg.LocalHost.Tests.Cli;

public sealed class ServeBusyPortTests
{
    [Fact]
    public async Task Serve_on_a_busy_port_fails_at_once_with_one_line()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await CliRun.RunAsync("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"fedavg: port {port} on 127.0.0.1 is already in use; choose another with --port", run.ErrorLine);
    }
}
