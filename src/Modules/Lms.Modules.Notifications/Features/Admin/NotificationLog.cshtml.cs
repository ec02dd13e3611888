using Hangfire;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Digest;
using Lms.Modules.Notifications.Features.Outbox;
using Lms.Modules.Notifications.Features.Reminders;
using Lms.Modules.Notifications.Mail;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.Admin;

/// <summary>What was sent to whom and why (rule and occasion), what failed and is being retried; a test mail.</summary>
[Authorize(Policy = "ManageNotifications")]
public sealed class NotificationLogModel(NotificationsDbContext db, IMediator mediator, IStringLocalizer<NotificationsStrings> T) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, string Recipient, string Kind, string? Rule, string Occasion, bool Read, string MailStatus, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? Error, bool CanRetry);

    public sealed record RunRow(string Job, DateTimeOffset StartedAt, string Summary);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public int Total { get; private set; }
    public int Pending { get; private set; }
    public int Failed { get; private set; }
    public int SentLastWeek { get; private set; }
    public string Transport { get; private set; } = "";
    public bool BaseUrlMissing { get; private set; }
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? TestAddress { get; set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static readonly IReadOnlyList<string> Statuses = ["pending", "sent", "failed", "not-wanted", "no-address", "obsolete"];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(TestAddress) && User.GetStaffId() is { } me)
        {
            var contacts = await mediator.Send(new GetStaffContacts([me]), cancellationToken);
            TestAddress = contacts.Count > 0 ? contacts[0].Email : null;
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var address = TestAddress?.Trim() ?? "";
        if (!MimeKit.MailboxAddress.TryParse(address, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal) || address.Length > 320)
        {
            Error = T["Enter an e-mail address such as name@city.lg.jp."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        var clock = HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var dedup = $"{NotificationKinds.Test}|{Guid.NewGuid():N}";
        db.Notifications.Add(new Notification
        {
            Id = StableGuid.From("notification:" + dedup),
            DedupKey = dedup,
            StaffId = Guid.Empty,
            Kind = NotificationKinds.Test,
            Occasion = $"test to {parsed.Address}",
            DataJson = new MessageData { RequestedBy = User.FindFirst(StaffClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "" }.ToJson(),
            Link = "",
            CreatedAt = now,
            MailStatus = Data.MailStatus.Pending,
            MailTo = parsed.Address,
            MailNextAttemptAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>().Enqueue<MailOutboxJob>(job => job.RunAsync(CancellationToken.None));
        Message = T["A test e-mail to {0} is on its way. Its result appears in the list below within a few seconds (reload the page).", parsed.Address];
        return Redirect("/admin/notifications");
    }

    /// <summary>Runs a job now instead of at its hour (both are idempotent: nothing is sent twice).</summary>
    public IActionResult OnPostRun(string job)
    {
        var jobs = HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>();
        switch (job)
        {
            case ReminderSweepJob.Id:
                jobs.Enqueue<ReminderSweepJob>(j => j.RunAsync(CancellationToken.None));
                jobs.Enqueue<MailOutboxJob>(j => j.RunAsync(CancellationToken.None));
                Message = T["The reminder sweep is running. Reminders already sent are not sent again; reload the page in a few seconds to see the result."];
                break;
            case ManagerDigestJob.Id:
                jobs.Enqueue<ManagerDigestJob>(j => j.RunAsync(CancellationToken.None));
                jobs.Enqueue<MailOutboxJob>(j => j.RunAsync(CancellationToken.None));
                Message = T["This week's digests are being made. A manager who already has this week's digest does not get a second one."];
                break;
            default:
                return BadRequest();
        }

        return Redirect("/admin/notifications");
    }

    public async Task<IActionResult> OnPostRetryAllAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var changed = await db.Notifications.Where(n => n.MailStatus == Data.MailStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.MailStatus, Data.MailStatus.Pending).SetProperty(n => n.MailAttempts, 0)
                .SetProperty(n => n.MailNextAttemptAt, now).SetProperty(n => n.MailError, (string?)null), cancellationToken);
        if (changed > 0)
        {
            HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>().Enqueue<MailOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }

        Message = T["{0} failed e-mails will be sent again.", changed];
        return Redirect("/admin/notifications");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var changed = await db.Notifications.Where(n => n.Id == id && n.MailStatus == Data.MailStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.MailStatus, Data.MailStatus.Pending).SetProperty(n => n.MailAttempts, 0)
                .SetProperty(n => n.MailNextAttemptAt, now).SetProperty(n => n.MailError, (string?)null), cancellationToken);
        if (changed > 0)
        {
            HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>().Enqueue<MailOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }

        Message = changed > 0 ? T["The e-mail will be sent again."] : T["That e-mail is not failed (any more); nothing was changed."];
        return Redirect($"/admin/notifications?status={Uri.EscapeDataString(Status ?? "")}&kind={Uri.EscapeDataString(Kind ?? "")}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        Transport = services.GetRequiredService<ConfiguredMailTransport>().Describe();
        var site = await services.GetRequiredService<Lms.Framework.Settings.ISiteSettingsService>().GetAsync(cancellationToken);
        BaseUrlMissing = site.BaseUrl is not { Length: > 0 };
        TimeZone = site.TimeZone;
        var now = Clock.Milliseconds(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var weekAgo = now.AddDays(-7);
        Pending = await db.Notifications.CountAsync(n => n.MailStatus == Data.MailStatus.Pending, cancellationToken);
        Failed = await db.Notifications.CountAsync(n => n.MailStatus == Data.MailStatus.Failed, cancellationToken);
        SentLastWeek = await db.Notifications.CountAsync(n => n.MailStatus == Data.MailStatus.Sent && n.MailSentAt >= weekAgo, cancellationToken);

        var query = db.Notifications.AsNoTracking();
        if (ParseStatus(Status) is { } status)
        {
            query = query.Where(n => n.MailStatus == status);
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            query = query.Where(n => n.Kind == Kind);
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ruleIds = rows.Where(r => r.RuleId != null).Select(r => r.RuleId!.Value).Distinct().ToList();
        var rules = await db.Rules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Key, cancellationToken);
        var staffIds = rows.Select(r => r.StaffId).Where(id => id != Guid.Empty).Distinct().ToList();
        var names = staffIds.Count == 0 ? [] : (await mediator.Send(new GetStaffCards(staffIds), cancellationToken)).ToDictionary(c => c.StaffId, c => T["{0} ({1})", c.Name, c.EmployeeNumber].Value);
        Rows = rows.Select(r => new Row(r.Id, r.CreatedAt, r.MailTo ?? names.GetValueOrDefault(r.StaffId, "?"), T[NotificationKinds.Label(r.Kind)],
            r.RuleId is { } rule ? rules.GetValueOrDefault(rule) : null, r.Occasion, r.ReadAt is not null, StatusText(r.MailStatus), r.MailAttempts,
            r.MailStatus == Data.MailStatus.Pending ? r.MailNextAttemptAt : null, r.MailSentAt, r.MailError, r.MailStatus == Data.MailStatus.Failed)).ToList();
        Runs = await db.Runs.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(10)
            .Select(r => new RunRow(r.Job, r.StartedAt, r.Summary)).ToListAsync(cancellationToken);
    }

    private string StatusText(Data.MailStatus status) => status switch
    {
        Data.MailStatus.Pending => T["Waiting to be sent"],
        Data.MailStatus.Sent => T["Sent"],
        Data.MailStatus.Failed => T["Failed"],
        Data.MailStatus.NoAddress => T["No e-mail address"],
        Data.MailStatus.Obsolete => T["Not sent: no longer needed"],
        _ => T["Inbox only (e-mail off)"],
    };

    private static Data.MailStatus? ParseStatus(string? status) => status switch
    {
        "pending" => Data.MailStatus.Pending,
        "sent" => Data.MailStatus.Sent,
        "failed" => Data.MailStatus.Failed,
        "not-wanted" => Data.MailStatus.NotWanted,
        "no-address" => Data.MailStatus.NoAddress,
        "obsolete" => Data.MailStatus.Obsolete,
        _ => null,
    };
}
