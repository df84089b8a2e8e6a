using Microsoft.Playwright;

namespace FedAvg.LocalHost.Tests.Dashboard;

/// <summary>
/// Debian's chromium driven by Playwright's bundled driver: Playwright's own browser download cannot
/// run on these machines, so it is pointed at the installed executable (make test's setup installs it).
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    // As root, offline: no sandbox, no GPU, and none of the background connections this closed network refuses.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly TempFolder _profile;

    private Chromium(IPlaywright playwright, TempFolder profile, IBrowserContext context)
    {
        _playwright = playwright;
        _profile = profile;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static string Executable
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"chromium is not installed at {path}: run make setup (apt-get install chromium) or set CHROMIUM.", path);
        }
    }

    /// <summary>A headless browser with a new, empty profile.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var profile = new TempFolder();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            return new Chromium(playwright, profile, context);
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}
