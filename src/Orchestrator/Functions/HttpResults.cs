using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FedAvg.Orchestrator.Functions;

internal static class HttpResults
{
    /// <summary>
    /// The shared handlers answer with minimal-API results; write them to the response here and hand
    /// the host an empty action result, so both hosts send byte-for-byte the same answer.
    /// </summary>
    public static async Task<IActionResult> WriteAsync(this IResult result, HttpRequest request)
    {
        await result.ExecuteAsync(request.HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }
}
