using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>
/// The reference model of the seed experiment: three conv blocks (3x3 conv with padding 1, BatchNorm, ReLU, 2x2
/// max-pool) of 32, 64 and 128 channels, then Linear 2048→256, BatchNorm1d, ReLU, dropout 0.5, Linear 256→10.
/// 621,322 parameters.
/// </summary>
internal static class SeedCnn
{
    public const string Name = "seed-cnn";

    public static Module<Tensor, Tensor> Build() => Build("bn", channels => BatchNorm2d(channels), "bn4", features => BatchNorm1d(features));

    /// <summary>
    /// The layers with the normalisation of one's choice: after the convolutions <paramref name="convNormPrefix"/>1 to 3,
    /// after fc1 <paramref name="denseNormName"/>. Norm layers draw nothing at initialisation, so any choice gives the
    /// same convolution and linear weights for the same seed.
    /// </summary>
    internal static Module<Tensor, Tensor> Build(string convNormPrefix, Func<long, Module<Tensor, Tensor>> convNorm, string denseNormName, Func<long, Module<Tensor, Tensor>> denseNorm) => Sequential(
        ("conv1", Conv2d(3, 32, 3, padding: 1)),
        ($"{convNormPrefix}1", convNorm(32)),
        ("relu1", ReLU()),
        ("pool1", MaxPool2d(2)),
        ("conv2", Conv2d(32, 64, 3, padding: 1)),
        ($"{convNormPrefix}2", convNorm(64)),
        ("relu2", ReLU()),
        ("pool2", MaxPool2d(2)),
        ("conv3", Conv2d(64, 128, 3, padding: 1)),
        ($"{convNormPrefix}3", convNorm(128)),
        ("relu3", ReLU()),
        ("pool3", MaxPool2d(2)),
        ("flatten", Flatten()),
        ("fc1", Linear(128 * 4 * 4, 256)),
        (denseNormName, denseNorm(256)),
        ("relu4", ReLU()),
        ("dropout", new SeededDropout(0.5)),
        ("fc2", Linear(256, 10)));
}
