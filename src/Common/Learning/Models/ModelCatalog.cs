using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>The model architectures known by name, each built with a deterministic initialisation.</summary>
public static class ModelCatalog
{
    // Initialisation draws from torch's process-wide generator. Activities build models concurrently, so seeding
    // and construction must happen as one step or two builds would interleave their draws.
    private static readonly Lock ConstructionLock = new();

    private static readonly Dictionary<string, Func<Module<Tensor, Tensor>>> Builders = new(StringComparer.Ordinal)
    {
        [SeedCnn.Name] = SeedCnn.Build,
        [WideCnn.Name] = WideCnn.Build,
        [ResNet9Mini.Name] = ResNet9Mini.Build,
        [SeedCnnGroupNorm.Name] = SeedCnnGroupNorm.Build,
    };

    /// <summary>seed-cnn with GroupNorm for BatchNorm: no statistics averaged from skewed clients, nothing DP must leave unnoised.</summary>
    public const string SeedCnnGroupNormName = SeedCnnGroupNorm.Name;

    public static IReadOnlyList<string> Names { get; } = [SeedCnn.Name, WideCnn.Name, ResNet9Mini.Name, SeedCnnGroupNorm.Name];

    /// <summary>
    /// The models with parameters only, no buffers: the others' BatchNorm running statistics are computed from the
    /// clients' data, so DP-FedAvg, which noises parameters only, refuses them. Listed rather than found by building
    /// each model, so a request can be validated without torch; a test checks the list against the built models.
    /// </summary>
    public static IReadOnlyList<string> WithoutBuffers { get; } = [SeedCnnGroupNorm.Name];

    public static bool Contains(string name) => name is not null && Builders.ContainsKey(name);

    /// <summary>
    /// A new model in training mode, initialised from <paramref name="seed"/>: the same name and seed give
    /// bit-identical weights.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="Names"/>.</exception>
    public static Module<Tensor, Tensor> Create(string name, long seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Builders.TryGetValue(name, out var build))
        {
            throw new ArgumentException($"Unknown model '{name}'; known models: {string.Join(", ", Names)}.", nameof(name));
        }

        lock (ConstructionLock)
        {
            manual_seed(seed);
            Module<Tensor, Tensor> model = build();
            model.train();
            return model;
        }
    }
}
