using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace FedAvg.Notebooks;

/// <summary>A .ipynb read and written through .NET Interactive's own document model, so what it writes is what Polyglot Notebooks writes.</summary>
internal static class NotebookFile
{
    public static async Task<InteractiveDocument> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string json = await File.ReadAllTextAsync(path, cancellationToken);
        return Notebook.Parse(json, NotebookKernel.Infos());
    }

    /// <summary>Writes beside the file and then moves over it, so an interrupted write never leaves half a notebook.</summary>
    public static async Task WriteAsync(string path, InteractiveDocument document, CancellationToken cancellationToken)
    {
        string partial = path + ".partial";
        try
        {
            await using (var stream = File.Create(partial))
            {
                Notebook.Write(document, stream, NotebookKernel.Infos());
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static bool IsCode(InteractiveDocumentElement element) => element.KernelName == NotebookKernel.CSharp;
}
