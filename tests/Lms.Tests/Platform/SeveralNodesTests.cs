using System.Net;
using Lms.Framework.Data;
using Lms.Framework.Data.Platform;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lms.Tests.Platform;

/// <summary>What lets several nodes serve one site: shared keys, one start-up at a time, files in a shared folder, a proxy in front.</summary>
public sealed class SeveralNodesTests(LmsAppFactory factory) : SiteTest(factory)
{
    /// <summary>A second node's data protection: its own process state, the same database.</summary>
    private static ServiceProvider OtherNode(DatabaseOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<DatabaseOptions>().Configure(o =>
        {
            o.Provider = options.Provider;
            o.ConnectionString = options.ConnectionString;
            o.DataDirectory = options.DataDirectory;
        });
        services.AddModuleDbContext<PlatformDbContext, SqlitePlatformDbContext, PostgresPlatformDbContext>(PlatformDbContext.Prefix);
        services.AddDataProtection().SetApplicationName("Lms").PersistKeysToDbContext<PlatformDbContext>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database_so_another_node_reads_what_this_one_protected()
    {
        var payload = Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("several-nodes-test").Protect("令和8年度 研修");

        var keys = await Factory.WithScopeAsync(sp => sp.GetRequiredService<PlatformDbContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1, "no data-protection key in the database");
        Assert.False(Directory.Exists(Path.Combine(Factory.DataDirectory, "keys")), "keys were written to the data directory");

        await using var other = OtherNode(Factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Equal("令和8年度 研修", other.GetRequiredService<IDataProtectionProvider>().CreateProtector("several-nodes-test").Unprotect(payload));
    }

    [Fact]
    public async Task Keys_kept_as_files_by_an_older_version_move_into_the_database_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lms-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // What an older site left: a key ring in <data>/keys and something protected with it.
            var files = new ServiceCollection();
            files.AddDataProtection().SetApplicationName("Lms").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys")));
            string payload;
            await using (var old = files.BuildServiceProvider())
            {
                payload = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Protect("signed in before the upgrade");
            }

            var options = new DatabaseOptions
            {
                Provider = DatabaseProvider.Sqlite,
                DataDirectory = directory,
                ConnectionString = $"Data Source={Path.Combine(directory, "lms.db")};Pooling=false",
            };
            await using var node = OtherNode(options);
            await using (var scope = node.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
            }

            await KeyImport.RunAsync(node, options, NullLogger.Instance, CancellationToken.None);
            await KeyImport.RunAsync(node, options, NullLogger.Instance, CancellationToken.None); // once: the second run adds nothing

            await using (var scope = node.CreateAsyncScope())
            {
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().DataProtectionKeys.CountAsync());
            }

            Assert.Equal("signed in before the upgrade", node.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Unprotect(payload));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_start_up_waits_for_the_first_to_release_the_lock()
    {
        var options = Factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var first = await StartupLock.AcquireAsync(options, NullLogger.Instance, CancellationToken.None);
        var second = StartupLock.AcquireAsync(options, NullLogger.Instance, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(second.IsCompleted, "the second start-up did not wait");

        await first.DisposeAsync();
        var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await acquired.DisposeAsync();

        // Released for good: a third takes it at once.
        await using var third = await StartupLock.AcquireAsync(options, NullLogger.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>A pipeline with only the forwarded-headers set-up, as a node behind nginx has it.</summary>
    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> ProxiedAppAsync(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        Lms.Framework.Web.ForwardedHeadersSetup.AddLmsForwardedHeaders(builder.Services, builder.Configuration);
        var app = builder.Build();
        // The in-process server has no client address: this one is the proxy's.
        app.Use(next => context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Peer"].ToString());
            return next(context);
        });
        Lms.Framework.Web.ForwardedHeadersSetup.UseLmsForwardedHeaders(app);
        Microsoft.AspNetCore.Builder.RunExtensions.Run(app, async context => await context.Response.WriteAsync($"{context.Request.Scheme} {context.Connection.RemoteIpAddress}"));
        await app.StartAsync();
        return app;
    }

    private static async Task<string> AskAsync(Microsoft.AspNetCore.Builder.WebApplication app, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return await (await app.GetTestClient().SendAsync(request)).Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Behind_a_proxy_the_client_address_and_scheme_come_from_the_proxy_headers_only_when_enabled_and_only_from_known_proxies()
    {
        await using (var off = await ProxiedAppAsync(new()))
        {
            Assert.Equal("http 127.0.0.1", await AskAsync(off, "127.0.0.1"));
        }

        await using var on = await ProxiedAppAsync(new() { ["Lms:ForwardedHeaders:Enabled"] = "true", ["Lms:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5" });
        Assert.Equal("https 203.0.113.9", await AskAsync(on, "127.0.0.1"));
        Assert.Equal("https 203.0.113.9", await AskAsync(on, "10.0.0.5"));
        // Anyone else sending the headers is not believed.
        Assert.Equal("http 198.51.100.7", await AskAsync(on, "198.51.100.7"));
    }

    [Fact]
    public void A_proxy_address_that_is_not_one_stops_the_start_with_the_key_named()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Lms:ForwardedHeaders:Enabled"] = "true", ["Lms:ForwardedHeaders:KnownProxies:0"] = "nginx.local" });
        Lms.Framework.Web.ForwardedHeadersSetup.AddLmsForwardedHeaders(builder.Services, builder.Configuration);
        using var services = builder.Services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value);
        Assert.Contains("Lms:ForwardedHeaders:KnownProxies", error.Message);
    }

    [Fact]
    public void A_job_claimed_by_a_node_that_died_is_run_elsewhere_after_a_sliding_timeout_of_five_minutes_unless_configured()
    {
        var defaults = Lms.Framework.Jobs.HangfireSetup.PostgresStorageOptions(new ConfigurationBuilder().Build());
        Assert.True(defaults.UseSlidingInvisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.InvisibilityTimeout);
        Assert.Equal("hangfire", defaults.SchemaName);

        var configured = Lms.Framework.Jobs.HangfireSetup.PostgresStorageOptions(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lms:Jobs:InvisibilityTimeout"] = "00:01:30" }).Build());
        Assert.Equal(TimeSpan.FromSeconds(90), configured.InvisibilityTimeout);
    }
}
