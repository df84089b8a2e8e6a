using FedAvg.Common.Orchestration;
using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Http;

/// <summary>RFC 9457 problem details, always naming the field at fault under <c>errors</c>.</summary>
public static class Problems
{
    public static IResult Field(int status, string title, string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: $"{field}: {message}",
            statusCode: status,
            title: title);

    public static IResult Fields(int status, string title, IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(
            errors ?? throw new ArgumentNullException(nameof(errors)),
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            statusCode: status,
            title: title);

    public static IResult Fields(int status, string title, RequestErrors errors) =>
        Results.ValidationProblem((errors ?? throw new ArgumentNullException(nameof(errors))).ToDictionary(), detail: errors.ToString(), statusCode: status, title: title);
}
