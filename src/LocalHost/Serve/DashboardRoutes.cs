using FedAvg.Common.Http;
using FedAvg.Common.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace FedAvg.LocalHost.Serve;

/// <summary>
/// The dashboard at <c>/</c> (its files under <c>/dashboard/</c>) and the API routes it reads beside
/// the run page: the runs list and stop. Same handlers as the Functions app (FedAvg.Common.Http).
/// </summary>
internal static class DashboardRoutes
{
    public static void MapDashboard(this IEndpointRouteBuilder routes, FedAvgStorage blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        routes.MapGet("/", (HttpRequest request) => DashboardEndpoint.Handle(request, null)).ExcludeFromDescription();
        routes.MapGet("/dashboard/{*file}", (HttpRequest request, string? file) => DashboardEndpoint.Handle(request, file)).ExcludeFromDescription();

        var api = routes.MapGroup("/api").WithTags("FedAvg");
        api.MapGet("/runs", (HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
                RunsEndpoint.HandleAsync(request, client, cancellationToken))
            .WithSummary("The runs, a page at a time, with their request and progress")
            .WithDescription(RunsEndpoint.Description)
            .Produces<RunsPage>()
            .ProducesValidationProblem();
        api.MapPost("/runs/{id}/stop", (string id, DurableTaskClient client, CancellationToken cancellationToken) =>
                RunStopEndpoint.HandleAsync(id, client, blobs, cancellationToken))
            .WithSummary("Stop a run for good (its queued work is skipped); 409 if it has already finished")
            .Produces<RunListing>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
    }
}
