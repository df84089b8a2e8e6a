using FedAvg.Common.Data;
using FedAvg.Common.Shards;

namespace FedAvg.Common.Tests.Shards;

public sealed class HeldOutSplitTests
{
    // Image i carries i in its first two bytes, so every sample can be told apart after the split.
    private static CifarDataset Numbered(int count)
    {
        var pixels = new byte[count * CifarDataset.ImageBytes];
        for (int i = 0; i < count; i++)
        {
            pixels[i * CifarDataset.ImageBytes] = (byte)(i & 0xFF);
            pixels[(i * CifarDataset.ImageBytes) + 1] = (byte)(i >> 8);
        }

        return new CifarDataset([.. Enumerable.Range(0, count).Select(i => (byte)(i % CifarDataset.ClassCount))], pixels);
    }

    private static int[] Ids(CifarDataset data) =>
        [.. Enumerable.Range(0, data.Count).Select(i => data.Image(i)[0] | (data.Image(i)[1] << 8))];

    [Fact]
    public void The_parts_are_disjoint_cover_the_shard_once_keep_its_order_and_carry_their_labels()
    {
        var shard = Numbered(257);

        var split = HeldOutSplit.Split(shard, 0.2, seed: 7);

        int[] train = Ids(split.Train);
        int[] heldOut = Ids(split.HeldOut);
        Assert.Equal(51, heldOut.Length);
        Assert.Equal(206, train.Length);
        Assert.Empty(train.Intersect(heldOut));
        Assert.Equal(Enumerable.Range(0, 257), train.Concat(heldOut).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(heldOut.Order(), heldOut);
        Assert.All(Enumerable.Range(0, heldOut.Length), i => Assert.Equal((byte)(heldOut[i] % 10), split.HeldOut.Labels[i]));
    }

    [Fact]
    public void The_same_seed_holds_out_the_same_samples_and_another_seed_others()
    {
        Assert.Equal(HeldOutSplit.HeldOutIndices(500, 0.3, 42), HeldOutSplit.HeldOutIndices(500, 0.3, 42));
        Assert.NotEqual(HeldOutSplit.HeldOutIndices(500, 0.3, 42), HeldOutSplit.HeldOutIndices(500, 0.3, 43));
        Assert.Equal(Ids(HeldOutSplit.Split(Numbered(500), 0.3, 42).HeldOut), HeldOutSplit.HeldOutIndices(500, 0.3, 42));
    }

    [Theory]
    [InlineData(10, 0.3, 3)]
    [InlineData(10, 0.5, 5)]
    [InlineData(9, 0.5, 4)]
    [InlineData(19, 0.05, 0)]
    [InlineData(1, 0.5, 0)]
    [InlineData(2, 0.5, 1)]
    [InlineData(0, 0.5, 0)]
    [InlineData(100, 0, 0)]
    public void The_held_out_count_is_the_floor_of_the_share_and_never_the_whole_shard(int samples, double share, int expected) =>
        Assert.Equal(expected, HeldOutSplit.HeldOutCount(samples, share));

    [Fact]
    public void Holding_out_nothing_trains_on_the_shard_itself()
    {
        var shard = Numbered(5);

        var split = HeldOutSplit.Split(shard, 0.1, seed: 1);

        Assert.Same(shard, split.Train);
        Assert.Equal(0, split.HeldOut.Count);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.51)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_a_half_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldOutSplit.HeldOutCount(10, share));
}
