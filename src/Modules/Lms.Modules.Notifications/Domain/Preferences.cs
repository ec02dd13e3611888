using Lms.Modules.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Notifications.Domain;

/// <summary>One person's notification choices (the defaults when they never chose).</summary>
internal sealed record Preferences(string Culture, IReadOnlySet<string> MailOff, bool QuietHours, TimeOnly WorkStart, TimeOnly WorkEnd)
{
    public static readonly Preferences Default = new("ja", new HashSet<string>(), true, new(8, 30), new(17, 15));

    public bool WantsMail(string kind) => !MailOff.Contains(kind);

    /// <summary>When e-mail may go out: working hours on working days (weekends, holidays and the year-end closure excluded), or any time.</summary>
    public WorkingHours Hours => QuietHours ? new WorkingHours(WorkStart, WorkEnd, WeekdaysOnly: true, SkipHolidays: true, SkipYearEndClosure: true) : WorkingHours.AllDay;

    public static Preferences From(NotificationPreference row) =>
        // A regional English (en-US, en-GB, as a sign-on provider may give) renders the English templates.
        new(row.Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? row.Culture : "ja",
            row.MailOff.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            row.QuietHours, row.WorkStart, row.WorkEnd);
}

internal sealed class PreferenceStore(NotificationsDbContext db, TimeProvider clock)
{
    public async Task<Preferences> GetAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var row = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        return row is null ? Preferences.Default : Preferences.From(row);
    }

    /// <summary>The choices of the given people; those who never chose are absent (use <see cref="Preferences.Default"/>).</summary>
    public async Task<Dictionary<Guid, Preferences>> GetManyAsync(IReadOnlyCollection<Guid>? staffIds, CancellationToken cancellationToken)
    {
        var query = db.Preferences.AsNoTracking();
        if (staffIds is not null)
        {
            var ids = staffIds.Distinct().ToList();
            query = query.Where(p => ids.Contains(p.StaffId));
        }

        return (await query.ToListAsync(cancellationToken)).ToDictionary(p => p.StaffId, Preferences.From);
    }

    public async Task SaveAsync(Guid staffId, Preferences preferences, CancellationToken cancellationToken)
    {
        var row = await db.Preferences.FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        if (row is null)
        {
            row = new NotificationPreference { StaffId = staffId };
            db.Preferences.Add(row);
        }

        row.Culture = preferences.Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? preferences.Culture : "ja";
        row.MailOff = string.Join(',', preferences.MailOff.Where(NotificationKinds.Choosable.Contains).Order(StringComparer.Ordinal));
        row.QuietHours = preferences.QuietHours;
        row.WorkStart = preferences.WorkStart;
        row.WorkEnd = preferences.WorkEnd;
        row.UpdatedAt = Clock.Milliseconds(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Lms.Framework.Data.DbErrors.IsUniqueViolation(e))
        {
            // Saved at the same moment from another tab or the unsubscribe link: the other save stands; apply ours on top.
            db.ChangeTracker.Clear();
            await SaveAsync(staffId, preferences, cancellationToken);
        }
    }
}
