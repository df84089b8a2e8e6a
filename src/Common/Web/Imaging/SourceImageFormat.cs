namespace FedAvg.Common.Imaging;

/// <summary>The container format an upload was decoded from.</summary>
public enum SourceImageFormat
{
    Png,
    Jpeg,
}
