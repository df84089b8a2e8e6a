namespace FedAvg.Common.Training;

/// <summary>
/// How every options record reports a field out of range, so a request layer can map any of them to the field at
/// fault: an <see cref="ArgumentOutOfRangeException"/> whose ParamName is the field and whose message states the rule
/// and the value.
/// </summary>
internal static class OptionRule
{
    public static void Require(bool valid, object value, string field, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} {rule}; got {value}.");
        }
    }
}
