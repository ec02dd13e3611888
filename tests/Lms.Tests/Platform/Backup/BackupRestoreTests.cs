using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Lms.Modules.Media.Storage;
using Lms.Tests.Certificates;
using Lms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Platform.Backup;

/// <summary>
/// The operator's round trip: <c>backup</c> in its own process while the site writes, then the ZIP unzipped into a fresh
/// data directory and the host started on it in another process, which must serve the same people, certificates and files.
/// </summary>
[Trait("Provider", "Independent")]
public sealed class BackupRestoreTests(LmsAppFactory factory) : SiteTest(factory), IDisposable
{
    private const string MediaKey = "backup-test/notice.txt";
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lms-restore-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [Fact]
    public async Task A_backup_taken_while_the_site_writes_restores_into_a_fresh_data_directory_and_the_site_starts_with_all_data()
    {
        // A site with people, a course certificate (a row and a PDF file), a media file and data-protection keys.
        await CertificateFixture.SetUpAsync(Factory);
        var certificate = await CertificateFixture.CompleteAsync(Factory);
        var pdf = await CertificateFixture.StoredPdfAsync(Factory, certificate);
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediaStore>().SaveAsync(MediaKey, "掲示"u8.ToArray(), default));
        // Issued by this site: the restored one can read it only with the same keys and the same person in its database.
        var token = await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-staff");

        var target = Path.Combine(folder, "lms-backup.zip");
        int writtenBefore, writtenInAll;
        (int ExitCode, string Output, string Error) backup;
        using (var writer = new ConcurrentWriter(Factory.DataDirectory))
        {
            writtenBefore = await writer.WaitForRowsAsync(20);
            backup = await RunHostAsync(["backup", target, "--Lms:DataDirectory=" + Factory.DataDirectory]);
            writtenInAll = await writer.StopAsync();
        }

        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        Assert.Contains($"Backup written to {target}", backup.Output);
        Assert.Contains("certificates/", backup.Output);

        var restored = Path.Combine(folder, "restored-data");
        ZipFile.ExtractToDirectory(target, restored);

        // The copy is the database of one moment: every write that had committed before the backup began, and no gaps after it.
        var copied = await ScalarsAsync(restored, "SELECT COUNT(*), COALESCE(MAX(Id), 0) FROM backup_test_writes");
        Assert.True(copied[0] >= writtenBefore, $"{copied[0]} rows in the copy, {writtenBefore} written before the backup");
        Assert.Equal(copied[0], copied[1]);
        Assert.True(copied[0] < writtenInAll, $"{copied[0]} rows in the copy, {writtenInAll} written in all: the writer had stopped before the copy");
        Assert.Equal(await RowCountsAsync(Factory.DataDirectory), await RowCountsAsync(restored));
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(restored, "certificates", certificate.FileKey)));
        Assert.Equal("掲示", await File.ReadAllTextAsync(Path.Combine(restored, "media", MediaKey)));
        SqliteConnection.ClearAllPools();

        using var site = await StartSiteAsync(restored);
        var api = site.Client.Bearer(token);
        var mine = await api.GetStringAsync("/api/v1/me/certificates");
        Assert.Contains(certificate.Id.ToString(), mine);
        Assert.Equal(pdf, await api.GetByteArrayAsync($"/api/v1/certificates/{certificate.Id}/pdf"));
        api.DefaultRequestHeaders.Authorization = null;
        var signIn = await SiteClient.TokenAsync(site.Client, "demo-staff");
        Assert.False(string.IsNullOrEmpty(signIn));
    }

    /// <summary>Inserts one row per transaction into a table of its own in the site's database until stopped.</summary>
    private sealed class ConcurrentWriter : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private int rows;

        public ConcurrentWriter(string dataDirectory)
        {
            var connectionString = $"Data Source={Path.Combine(dataDirectory, "lms.db")};Pooling=False;Default Timeout=30";
            loop = Task.Run(async () =>
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "DROP TABLE IF EXISTS backup_test_writes; CREATE TABLE backup_test_writes (Id INTEGER PRIMARY KEY, At TEXT NOT NULL);";
                await command.ExecuteNonQueryAsync();
                command.CommandText = "INSERT INTO backup_test_writes (At) VALUES (datetime('now'));";
                while (!stop.IsCancellationRequested)
                {
                    await command.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref rows);
                    await Task.Delay(5);
                }

                // The table is the test's, not the site's: the next tests start without it.
                command.CommandText = "DROP TABLE backup_test_writes;";
                await command.ExecuteNonQueryAsync();
            });
        }

        public async Task<int> WaitForRowsAsync(int count)
        {
            while (Volatile.Read(ref rows) < count)
            {
                Assert.False(loop.IsCompleted, loop.Exception?.ToString());
                await Task.Delay(20);
            }

            return Volatile.Read(ref rows);
        }

        /// <returns>How many rows were written in all.</returns>
        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            await loop;
            return Volatile.Read(ref rows);
        }

        public void Dispose() => stop.Dispose();
    }

    private static async Task<long[]> ScalarsAsync(string dataDirectory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "lms.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64)];
    }

    /// <summary>Rows per table, the test's own table aside (it went on growing after the copy).</summary>
    private static async Task<SortedDictionary<string, long>> RowCountsAsync(string dataDirectory)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "lms.db")};Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'backup_test_writes'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static ProcessStartInfo SiteProcess(IEnumerable<string> args, string dataDirectory)
    {
        var start = HostProcess.Host(args);
        start.Environment["Lms__DataDirectory"] = dataDirectory;
        start.Environment["Lms__Demo__Enabled"] = "false";
        return start;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunHostAsync(string[] args)
    {
        var start = SiteProcess(args, dataDirectory: "");
        start.Environment.Remove("Lms__DataDirectory"); // given on the command line, as an operator would
        // The test site keeps its jobs in memory: the command must not add a job file to its data directory.
        start.Environment["Lms__Jobs__Storage"] = "InMemory";
        return await HostProcess.RunAsync(start);
    }

    /// <summary>The host as an operator starts it after a restore: the web server on the restored data directory.</summary>
    private static async Task<RunningSite> StartSiteAsync(string dataDirectory)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var process = Process.Start(SiteProcess(["--urls", $"http://127.0.0.1:{port}"], dataDirectory))!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var site = new RunningSite(process, client);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            Assert.False(process.HasExited, "The restored site stopped: " + log);
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return site;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                site.Dispose();
                Assert.Fail("The restored site did not become healthy in 3 minutes: " + log);
            }

            await Task.Delay(250);
        }
    }

    private sealed record RunningSite(Process Process, HttpClient Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
