using System.Buffers;
using SixLabors.ImageSharp.Memory;

namespace FedAvg.Common.Tests.Imaging;

/// <summary>
/// Counts every byte ImageSharp asks for. Its big buffers are unmanaged, so GC counters alone would miss a
/// 1.2 GB allocation; this sees it.
/// </summary>
internal sealed class CountingAllocator : MemoryAllocator
{
    private readonly MemoryAllocator _inner = MemoryAllocator.Create();
    private long _bytesRequested;

    public long BytesRequested => Interlocked.Read(ref _bytesRequested);

    public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None)
    {
        Interlocked.Add(ref _bytesRequested, (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return _inner.Allocate<T>(length, options);
    }

    protected override int GetBufferCapacityInBytes() => 4 * 1024 * 1024;
}
