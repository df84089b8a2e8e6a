using FedAvg.Common.Adversaries;

namespace FedAvg.Common.Orchestration;

/// <summary>The hostile clients of a run: none unless the request names an attack, however many attackers it gives.</summary>
public static class RunAdversaries
{
    public static IReadOnlyList<int> Of(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Attack == ClientAttacks.None
            ? []
            : HostileClients.Draw(request.Seed, request.Clients, request.Attackers);
    }
}
