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

    public static Module<Tensor, Tensor> Build() => Sequential(
        ("conv1", Conv2d(3, 32, 3, padding: 1)),
        ("bn1", BatchNorm2d(32)),
        ("relu1", ReLU()),
        ("pool1", MaxPool2d(2)),
        ("conv2", Conv2d(32, 64, 3, padding: 1)),
        ("bn2", BatchNorm2d(64)),
        ("relu2", ReLU()),
        ("pool2", MaxPool2d(2)),
        ("conv3", Conv2d(64, 128, 3, padding: 1)),
        ("bn3", BatchNorm2d(128)),
        ("relu3", ReLU()),
        ("pool3", MaxPool2d(2)),
        ("flatten", Flatten()),
        ("fc1", Linear(128 * 4 * 4, 256)),
        ("bn4", BatchNorm1d(256)),
        ("relu4", ReLU()),
        ("dropout", new SeededDropout(0.5)),
        ("fc2", Linear(256, 10)));
}
