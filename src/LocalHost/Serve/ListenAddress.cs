using System.Net;
using FedAvg.LocalHost.Cli;

namespace FedAvg.LocalHost.Serve;

/// <summary>
/// The address <c>fedavg serve</c> listens on: 127.0.0.1 unless <c>FEDAVG_LISTEN</c> names another
/// (the container image sets 0.0.0.0, since a published port reaches the container from outside its loopback).
/// </summary>
internal static class ListenAddress
{
    public const string Variable = "FEDAVG_LISTEN";

    public static IPAddress FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Loopback for an unset or blank value; an IPv4 or IPv6 address otherwise.</summary>
    public static IPAddress Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(value.Trim(), out IPAddress? address)
            ? address
            : throw new UsageException($"{Variable}={value}: not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)");
    }

    /// <summary>How the address reads in a URL: 127.0.0.1:7071, 0.0.0.0:8000, [::]:8000.</summary>
    public static string Display(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
