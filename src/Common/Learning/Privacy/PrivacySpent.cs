namespace FedAvg.Common.Privacy;

/// <summary>An (ε, δ) guarantee, and the RDP order whose conversion gave the smallest ε.</summary>
public sealed record PrivacySpent(double Epsilon, double Delta, double Order);
