using FedAvg.Common.Imaging;
using FedAvg.Common.Prediction;
using Microsoft.AspNetCore.Http;

namespace FedAvg.Common.Http;

/// <summary>
/// <c>POST /api/predict</c>: an image as multipart field <c>image</c> (as the reference service took
/// it) or as a raw image/png or image/jpeg body; optional <c>runId</c> in the query or form.
/// </summary>
public static class PredictEndpoint
{
    public const int MaxImageBytes = ImageDecoderOptions.DefaultMaxBytes;

    // Room for the multipart envelope around a maximal image.
    private const int MaxBodyBytes = MaxImageBytes + (64 * 1024);

    private static readonly ImageDecoder Decoder = new();

    public static async Task<IResult> HandleAsync(HttpRequest request, PredictionService predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(predictions);
        if (BodyReader.DeclaresMoreThan(request, MaxBodyBytes))
        {
            return TooLarge();
        }

        string? runId = request.Query["runId"].FirstOrDefault();
        byte[]? image;
        if (request.HasFormContentType)
        {
            var (formImage, formRunId, problem) = await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            image = formImage;
            runId ??= formRunId;
        }
        else if (IsRawImage(request.ContentType))
        {
            image = await BodyReader.ReadAsync(request.Body, MaxImageBytes, cancellationToken).ConfigureAwait(false);
            if (image is null)
            {
                return TooLarge();
            }
        }
        else if (string.IsNullOrEmpty(request.ContentType))
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "Missing image", "image",
                "no image sent: use multipart/form-data with a file field 'image', or an image/png or image/jpeg body");
        }
        else
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "image",
                "send multipart/form-data with a file field 'image', or an image/png or image/jpeg body");
        }

        if (runId is { Length: > RunLookup.MaxIdLength })
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "Invalid run id", "runId", "is too long");
        }

        try
        {
            var decoded = Decoder.Decode(image);
            var prediction = await predictions.PredictAsync(decoded.Pixels, string.IsNullOrWhiteSpace(runId) ? null : runId, cancellationToken).ConfigureAwait(false);
            return Results.Json(prediction, Orchestration.JsonDefaults.Options);
        }
        catch (ImageRejectedException e)
        {
            return Problems.Field(StatusFor(e.Reason), "Image rejected", "image", e.Message);
        }
        catch (ModelUnavailableException e) when (e.RunNotFound)
        {
            return Problems.Field(StatusCodes.Status404NotFound, "Model not found", "runId", e.Message);
        }
        catch (ModelUnavailableException e)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "No trained model yet", "runId", e.Message);
        }
    }

    private static async Task<(byte[]? Image, string? RunId, IResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MultipartBodyLengthLimit = MaxBodyBytes,
                ValueCountLimit = 16,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return (null, null, e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge()
                : Problems.Field(StatusCodes.Status400BadRequest, "Malformed form", "image", e.Message));
        }
        catch (IOException e)
        {
            return (null, null, Problems.Field(StatusCodes.Status400BadRequest, "Malformed form", "image", e.Message));
        }

        var file = form.Files.GetFile("image");
        if (file is null)
        {
            return (null, null, Problems.Field(StatusCodes.Status400BadRequest, "Missing image", "image", "the form has no file field 'image'"));
        }

        if (file.Length > MaxImageBytes)
        {
            return (null, null, TooLarge());
        }

        await using var stream = file.OpenReadStream();
        byte[]? image = await BodyReader.ReadAsync(stream, MaxImageBytes, cancellationToken).ConfigureAwait(false);
        return image is null ? (null, null, TooLarge()) : (image, form["runId"].FirstOrDefault(), null);
    }

    private static bool IsRawImage(string? contentType) =>
        contentType is not null && (contentType.StartsWith("image/png", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/jpeg", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge() =>
        Problems.Field(StatusCodes.Status413PayloadTooLarge, "Image too large", "image", $"must be at most {MaxImageBytes / (1024 * 1024)} MB");

    private static int StatusFor(ImageRejectionReason reason) => reason switch
    {
        ImageRejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ImageRejectionReason.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };
}
