namespace FedAvg.Common.Prediction;

/// <summary>No global model can answer: none trained yet, or the requested run has none.</summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException(string message, bool runNotFound)
        : base(message)
    {
        RunNotFound = runNotFound;
    }

    public ModelUnavailableException()
    {
    }

    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when a specific run was asked for and it has no model; false when no model exists at all.</summary>
    public bool RunNotFound { get; }
}
