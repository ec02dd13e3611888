using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Lms.Tests.Browser;

/// <summary>
/// The site on a real Kestrel port (SQLite, demo city installed as on a fresh machine) and Debian's
/// Chromium driven by Playwright. No "playwright install": the system browser is used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "lms-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (new BrowserTestAttribute().Skip is not null)
        {
            return; // every test will skip: no site, no browser (a first start with the demo history costs seconds)
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Lms:DataDirectory", dataDirectory);
            builder.UseSetting("Lms:Jobs:Storage", "InMemory");
            // Every test signs in from 127.0.0.1: the sign-in limit is for strangers, not for this suite.
            builder.UseSetting("Lms:RateLimits:SignIn:PermitLimit", "10000");
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        BaseAddress = factory.ClientOptions.BaseAddress;

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserTestAttribute.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        // Web-first assertions retry for 5 s by default; a first page on a busy two-core CI machine can take longer.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser context, as a person opening the site for the first time (browser language: English, to prove the site still speaks Japanese).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// A browser test. Runs when Debian's Chromium is installed; skips (saying why) on a machine with
/// only the .NET SDK, unless LMS_REQUIRE_BROWSER=1 (as in CI), where a missing browser fails.
/// </summary>
public sealed class BrowserTestAttribute : FactAttribute
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("LMS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public BrowserTestAttribute()
    {
        if (Environment.GetEnvironmentVariable("LMS_BROWSER_TESTS") == "skip")
        {
            Skip = "LMS_BROWSER_TESTS=skip: the browser suite runs on its own (see .ci/run).";
        }
        else if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("LMS_REQUIRE_BROWSER") != "1")
        {
            Skip = $"Chromium not found at {ChromiumPath} (install Debian's chromium, or set LMS_CHROMIUM).";
        }
    }
}
