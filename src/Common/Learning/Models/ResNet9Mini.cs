using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedAvg.Common.Models;

/// <summary>
/// The ResNet-9 of Page's fast CIFAR-10 training (DAWNBench), at a quarter of its width so it trains at CPU
/// speed: prep 16, layer1 32 (pool) + residual block, layer2 64 (pool), layer3 128 (pool) + residual block,
/// global max-pool, Linear 128→10. 617,658 parameters.
/// </summary>
internal sealed class ResNet9Mini : Module<Tensor, Tensor>
{
    public const string Name = "resnet9-mini";

    // Field names become the tensor names (prep.conv.weight, res1.0.bn.running_mean, ...).
    private readonly Module<Tensor, Tensor> prep = ConvBlock.Build(3, 16);
    private readonly Module<Tensor, Tensor> layer1 = Sequential(ConvBlock.Build(16, 32), MaxPool2d(2));
    private readonly Module<Tensor, Tensor> res1 = Sequential(ConvBlock.Build(32, 32), ConvBlock.Build(32, 32));
    private readonly Module<Tensor, Tensor> layer2 = Sequential(ConvBlock.Build(32, 64), MaxPool2d(2));
    private readonly Module<Tensor, Tensor> layer3 = Sequential(ConvBlock.Build(64, 128), MaxPool2d(2));
    private readonly Module<Tensor, Tensor> res3 = Sequential(ConvBlock.Build(128, 128), ConvBlock.Build(128, 128));
    private readonly Module<Tensor, Tensor> head = Sequential(AdaptiveMaxPool2d([1, 1]), Flatten(), Linear(128, 10));

    private ResNet9Mini()
        : base(Name)
    {
        RegisterComponents();
    }

    public static Module<Tensor, Tensor> Build() => new ResNet9Mini();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = layer1.forward(prep.forward(input));
        x = x.add(res1.forward(x));
        x = layer3.forward(layer2.forward(x));
        x = x.add(res3.forward(x));
        return head.forward(x).MoveToOuterDisposeScope();
    }
}
