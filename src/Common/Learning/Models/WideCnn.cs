using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>
/// A VGG-style net with more convolution and less dense layer than seed-cnn: conv blocks of 32 (pool), 64 (pool),
/// 128 and 128 (pool), 256, then global max-pool and Linear 256→10. 539,178 parameters, about twice the
/// convolution work of seed-cnn but no 2048×256 layer, which is slow on CPU and overfits small client datasets.
/// </summary>
internal static class WideCnn
{
    public const string Name = "wide-cnn";

    public static Module<Tensor, Tensor> Build() => Sequential(
        ("block1", ConvBlock.Build(3, 32)),
        ("pool1", MaxPool2d(2)),
        ("block2", ConvBlock.Build(32, 64)),
        ("pool2", MaxPool2d(2)),
        ("block3", ConvBlock.Build(64, 128)),
        ("block4", ConvBlock.Build(128, 128)),
        ("pool3", MaxPool2d(2)),
        ("block5", ConvBlock.Build(128, 256)),
        ("pool4", AdaptiveMaxPool2d([1, 1])),
        ("flatten", Flatten()),
        ("fc", Linear(256, 10)));
}
