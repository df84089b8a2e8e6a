namespace FedAvg.Common.Imaging;

/// <summary>An upload that <see cref="ImageDecoder"/> will not turn into pixels; <see cref="Reason"/> says why.</summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public ImageRejectedException(ImageRejectionReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ImageRejectionReason Reason { get; }
}
