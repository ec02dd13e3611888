using System.Globalization;
using System.Text;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Features.ImportRoster;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

/// <summary>One roster import at a time, whether it comes from the screen (a Hangfire job) or the command line.</summary>
public sealed class RosterImportLockTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Header = "職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,管理所属,在籍";

    private static byte[] Roster(string prefix, int rows)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{prefix}{i:D5},山田,太郎,ヤマダ,タロウ,{prefix.ToLowerInvariant()}{i}@lock-city.example.jp,検証部/人事課,一般職,,1\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Stores a file as the command line does (no Hangfire job queued), returning the import's id.</summary>
    private Task<Guid> StartAsync(string fileName, byte[] file) => Factory.WithScopeAsync(async sp =>
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP"); // the import's messages follow the uploader's language
        return await sp.GetRequiredService<IMediator>().Send(new StartRosterImport.Command(fileName, new MemoryStream(file), file.Length, "partial", null, "tests", Queue: false));
    });

    /// <summary>Runs an import the way the command line does: the job's code, outside Hangfire and its lock.</summary>
    private Task RunAsync(Guid id) => Factory.WithScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ImportRosterJob>().RunAsync(id, CancellationToken.None);
        return true;
    });

    private Task<RosterImport> ImportAsync(Guid id) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().RosterImports.AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<int> StaffCountAsync() => Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.CountAsync());

    /// <summary>Another process's import, as it looks in the database while it runs.</summary>
    private Task<Guid> RunningElsewhereAsync(TimeSpan startedAgo) => Factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<OrganizationDbContext>();
        var import = new RosterImport
        {
            Id = Guid.CreateVersion7(), FileName = "nightly.csv", StoredPath = "/nowhere/nightly.csv", Status = RosterImportStatus.Running,
            RequestedBy = "command line", CreatedAt = DateTimeOffset.UtcNow - startedAgo, StartedAt = DateTimeOffset.UtcNow - startedAgo,
        };
        db.RosterImports.Add(import);
        await db.SaveChangesAsync();
        return import.Id;
    });

    [Fact]
    public async Task Given_an_import_running_elsewhere_When_another_starts_Then_it_is_refused_in_Japanese_and_changes_nothing()
    {
        await Factory.SeedDemoAsync();
        var running = await RunningElsewhereAsync(TimeSpan.FromMinutes(1));
        var before = await StaffCountAsync();
        var id = await StartAsync("roster.csv", Roster("L", 5));

        await RunAsync(id);

        var refused = await ImportAsync(id);
        Assert.Equal(RosterImportStatus.Failed, refused.Status);
        Assert.Contains("別の名簿の取り込み", refused.Message);
        Assert.Contains("nightly.csv", refused.Message);
        Assert.Equal(before, await StaffCountAsync());
        Assert.Equal(RosterImportStatus.Running, (await ImportAsync(running)).Status);
    }

    [Fact]
    public async Task Given_an_import_left_running_by_a_dead_process_When_its_lease_is_over_Then_the_next_import_runs()
    {
        await Factory.SeedDemoAsync();
        var abandoned = await RunningElsewhereAsync(RosterImportLock.AbandonedAfter + TimeSpan.FromMinutes(1));
        var id = await StartAsync("roster.csv", Roster("L", 5));

        await RunAsync(id);

        Assert.Equal(RosterImportStatus.Succeeded, (await ImportAsync(id)).Status);
        var interrupted = await ImportAsync(abandoned);
        Assert.Equal(RosterImportStatus.Failed, interrupted.Status);
        Assert.Contains("中断", interrupted.Message);
    }

    [Fact]
    public async Task Two_imports_started_at_once_never_run_together()
    {
        await Factory.SeedDemoAsync();
        var first = await StartAsync("first.csv", Roster("A", 3000));
        var second = await StartAsync("second.csv", Roster("B", 3000));

        // Each on a thread of its own, released together: the thread pool might otherwise run one after the other.
        using var start = new Barrier(2);
        await Task.WhenAll(RunTogetherAsync(start, first), RunTogetherAsync(start, second));

        var outcomes = new[] { await ImportAsync(first), await ImportAsync(second) };
        var succeeded = outcomes.Where(i => i.Status == RosterImportStatus.Succeeded).ToList();
        Assert.All(succeeded, i => Assert.Equal(3000, i.Created));
        if (succeeded.Count == 1)
        {
            var refused = Assert.Single(outcomes, i => i.Status == RosterImportStatus.Failed);
            Assert.Contains(succeeded[0].FileName, refused.Message);
            return;
        }

        // Both ran: on SQLite the second claim can queue behind the first import's transaction and get the lock once
        // it has committed. Then the second's checks and apply came after that commit: the outcome records when its
        // apply began (after its checks), and each import's summary entry is written just before its commit.
        Assert.Equal(2, succeeded.Count);
        var done = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().AuditEntries
            .Where(a => a.Action == "roster.imported").Select(a => new { a.Summary, a.At }).ToListAsync());
        var inOrder = succeeded.Select(i => (Import: i, Done: done.Single(d => d.Summary.StartsWith(i.FileName, StringComparison.Ordinal)).At))
            .OrderBy(x => x.Done).ToList();
        Assert.True(inOrder[1].Import.FinishedAt > inOrder[0].Done, $"{inOrder[1].Import.FileName} was checked before {inOrder[0].Import.FileName} committed");
    }

    private Task RunTogetherAsync(Barrier start, Guid id) => Task.Factory.StartNew(() =>
    {
        start.SignalAndWait();
        RunAsync(id).GetAwaiter().GetResult();
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task The_database_itself_refuses_a_second_running_import()
    {
        await RunningElsewhereAsync(TimeSpan.Zero);

        await Assert.ThrowsAsync<DbUpdateException>(() => RunningElsewhereAsync(TimeSpan.Zero));
    }
}
