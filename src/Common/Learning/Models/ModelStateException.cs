namespace FedAvg.Common.Models;

/// <summary>
/// Model weights that cannot be used: a stored state that is corrupt, truncated, of another format version or
/// architecture, or weights whose tensors do not match the module they are copied into.
/// </summary>
public sealed class ModelStateException : Exception
{
    public ModelStateException()
    {
    }

    public ModelStateException(string message)
        : base(message)
    {
    }

    public ModelStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
