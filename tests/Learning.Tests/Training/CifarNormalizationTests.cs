using FedAvg.Common.Data;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

public sealed class CifarNormalizationTests
{
    [Fact]
    public void Maps_bytes_per_channel_and_keeps_the_chw_layout()
    {
        var images = new byte[2 * CifarDataset.ImageBytes];
        images[0] = 255;                      // image 0, red, (0,0)
        images[1024 + 33] = 0;                // image 0, green, (1,1)
        images[CifarDataset.ImageBytes + 2048 + 1023] = 128; // image 1, blue, (31,31)

        using var tensor = CifarNormalization.ToTensor(images);

        Assert.Equal(new long[] { 2, 3, 32, 32 }, tensor.shape);
        Assert.Equal((1 - 0.4914f) / 0.2470f, tensor[0, 0, 0, 0].item<float>(), 1e-5f);
        Assert.Equal((0 - 0.4822f) / 0.2435f, tensor[0, 1, 1, 1].item<float>(), 1e-5f);
        Assert.Equal((128 / 255f - 0.4465f) / 0.2616f, tensor[1, 2, 31, 31].item<float>(), 1e-5f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3071)]
    [InlineData(3073)]
    public void Rejects_anything_but_whole_images(int length) =>
        Assert.Throws<ArgumentException>(() => CifarNormalization.ToTensor(new byte[length]));
}
