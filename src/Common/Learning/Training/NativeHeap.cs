using System.Runtime.InteropServices;

namespace FedAvg.Common.Training;

/// <summary>
/// Hands memory that TorchSharp has freed back to the operating system. glibc keeps freed blocks in per-thread
/// arenas, and training runs on whichever thread-pool thread an activity lands on, so without this each new
/// thread's arena keeps its high-water mark of activations and the process grows round after round.
/// </summary>
public static class NativeHeap
{
    private static volatile bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>Releases free heap pages in every arena (glibc <c>malloc_trim(0)</c>); a no-op elsewhere.</summary>
    /// <returns>Whether any memory was released.</returns>
    public static bool Trim()
    {
        if (s_unavailable)
        {
            return false;
        }

        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (Alpine) has no malloc_trim; its allocator returns memory by itself.
            s_unavailable = true;
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and the library needs no unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
