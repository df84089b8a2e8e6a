using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Http;

/// <summary>
/// The dashboard's page and files: <c>/</c> and <c>/dashboard/{file}</c> in <c>fedavg serve</c>,
/// <c>/api/dashboard</c> and <c>/api/dashboard/{file}</c> in the Functions app. The page names its
/// files relative to itself and calls the API at <c>/api/...</c>, which both hosts answer.
/// </summary>
public static class DashboardEndpoint
{
    // Scripts, styles and images only from this host: the page loads nothing from the internet.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    /// <param name="file">A file name, or null/empty for the page itself.</param>
    public static IResult Handle(HttpRequest request, string? file)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(file))
        {
            // "/dashboard/" would resolve the page's relative file names one folder too deep.
            string path = request.PathBase + request.Path;
            if (path.Length > 1 && path.EndsWith('/'))
            {
                return TypedResults.Redirect(path.TrimEnd('/') + request.QueryString);
            }

            file = DashboardFiles.Index;
        }

        if (DashboardFiles.Find(file) is not { } found)
        {
            return Problems.Field(StatusCodes.Status404NotFound, "No such dashboard file", "file",
                $"'{(file.Length <= 60 ? file : file[..60] + "...")}' is not one of the dashboard's files");
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.Bytes(found.Content, found.ContentType, entityTag: found.EntityTag);
    }
}
