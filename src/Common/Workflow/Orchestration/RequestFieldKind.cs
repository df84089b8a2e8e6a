namespace FedAvg.Common.Orchestration;

/// <summary>The value type of a <see cref="RequestField"/>, named as JSON Schema names it.</summary>
public enum RequestFieldKind
{
    /// <summary>A whole number (JSON Schema "integer", C# int).</summary>
    WholeNumber,

    /// <summary>A real number (JSON Schema "number", C# double).</summary>
    Number,

    /// <summary>Text, usually one of a few allowed values (JSON Schema "string").</summary>
    Text,

    /// <summary>True or false (JSON Schema "boolean").</summary>
    Flag,
}
