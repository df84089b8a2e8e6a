using System.Runtime.InteropServices;
using FedAvg.Common.Tests.Fixtures;
using FedAvg.Common.Training;

namespace FedAvg.Common.Tests.Training;

[Collection(TorchSerial.Name)]
public sealed class NativeHeapTests
{
    // malloc_trim is glibc's; elsewhere Trim is a no-op by design, so there is nothing to show.
    [LinuxFact]
    public void Trim_gives_freed_heap_memory_back_to_the_operating_system()
    {
        const int Blocks = 4096;
        const int BlockBytes = 64 * 1024; // below glibc's mmap threshold, so the blocks come from the heap
        var blocks = new nint[Blocks];
        byte[] ones = [.. Enumerable.Repeat((byte)1, BlockBytes)];
        for (int i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes);
            Marshal.Copy(ones, 0, blocks[i], BlockBytes);
        }

        // The newest block stays allocated above the freed ones, so glibc cannot shrink the heap from its top by
        // itself and the freed memory stays resident until someone trims.
        nint pin = blocks[^1];
        foreach (nint block in blocks[..^1])
        {
            Marshal.FreeHGlobal(block);
        }

        double beforeTrim = ResidentMegabytes();
        bool released = NativeHeap.Trim();
        double afterTrim = ResidentMegabytes();
        Marshal.FreeHGlobal(pin);

        Assert.True(released);
        Assert.True(beforeTrim - afterTrim > 128, $"resident {beforeTrim:F0} MB before trim, {afterTrim:F0} MB after: expected 256 MB freed back");
    }

    private static double ResidentMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
