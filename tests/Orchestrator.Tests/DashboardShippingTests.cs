using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace FedAvg.Orchestrator.Tests;

/// <summary>The Functions app serves the dashboard from the same assembly as fedavg serve: its files must be in the build output.</summary>
public sealed class DashboardShippingTests
{
    [Fact]
    public void The_web_assembly_the_functions_app_ships_embeds_the_dashboard_page_and_its_scripts()
    {
        string web = Path.Combine(FunctionMetadata.OutputFolder, "FedAvg.Web.dll");
        using var pe = new PEReader(File.OpenRead(web));
        var reader = pe.GetMetadataReader();

        var resources = reader.ManifestResources.Select(h => reader.GetString(reader.GetManifestResource(h).Name)).ToList();

        Assert.Contains("Dashboard/index.html", resources);
        Assert.Contains("Dashboard/app.js", resources);
        Assert.DoesNotContain(resources, r => r.StartsWith("Dashboard/", StringComparison.Ordinal) && r.Contains("/.", StringComparison.Ordinal));
    }
}
