namespace FedAvg.Common.Adversaries;

/// <summary>The simulated attacks by the name a training request gives them.</summary>
public static class ClientAttacks
{
    public const string None = "none";

    /// <summary>Sends global − scale·(trained − global): the honest change reversed and magnified.</summary>
    public const string SignFlip = "sign-flip";

    /// <summary>Sends global + scale·(trained − global): the honest change magnified.</summary>
    public const string Scale = "scale";

    /// <summary>Sends global plus Gaussian noise as long (in L2) as the honest change: no information, a plausible size.</summary>
    public const string Random = "random";

    /// <summary>Trains honestly on poisoned data: every label y becomes 9 − y.</summary>
    public const string LabelFlip = "label-flip";

    public static IReadOnlyList<string> Names { get; } = [None, SignFlip, Scale, Random, LabelFlip];
}
