using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;

namespace FedAvg.Notebooks;

/// <summary>
/// The kernel a notebook's C# cells run on: a C# kernel inside a composite one, with the helpers
/// (<c>display</c>, <c>HTML</c>) and value sharing the dotnet-interactive tool gives its C# kernel, so a
/// cell that runs here runs the same in Polyglot Notebooks or Jupyter.
/// </summary>
internal static class NotebookKernel
{
    public const string CSharp = "csharp";

    /// <summary>The kernels a notebook's cells may name, for reading and writing the .ipynb.</summary>
    public static KernelInfoCollection Infos()
    {
        var infos = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo(CSharp, "C#", ["c#", "cs"]) };
        infos.DefaultKernelName = CSharp;
        return infos;
    }

    public static CompositeKernel Create()
    {
        var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
        kernel.DefaultKernelName = CSharp;
        return kernel;
    }
}
