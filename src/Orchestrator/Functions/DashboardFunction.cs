using FedAvg.Common.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FedAvg.Orchestrator.Functions;

/// <summary>
/// The dashboard at <c>/api/dashboard</c>: host.json's route prefix puts every HTTP function under
/// <c>/api</c>, and the page then reaches the API at the same origin. Anonymous, like any page; the
/// data comes through the key-protected API with the key the user gives the page.
/// </summary>
public static class DashboardFunction
{
    [Function("Dashboard")]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*file}")] HttpRequest request,
        string? file)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await DashboardEndpoint.Handle(request, file).WriteAsync(request).ConfigureAwait(false);
    }
}
