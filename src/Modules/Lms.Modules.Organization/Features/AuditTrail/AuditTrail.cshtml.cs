using Lms.Framework.Settings;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.AuditTrailPage;

[Authorize(Policy = "ManageOrganization")]
public sealed class AuditTrailModel(OrganizationDbContext db, ISiteSettingsService settings) : PageModel
{
    private const int PageSize = 100;
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    /// <summary>Keyset paging: entries older than this id.</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    internal IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, timeZone);

    public string OlderLink => QueryHelpers.AddQueryString("/admin/audit", new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["type"] = Type,
        ["before"] = Entries.Count > 0 ? Entries[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        timeZone = (await settings.GetAsync(ct)).TimeZone;
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(Type))
        {
            query = query.Where(e => e.EntityType == Type);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            query = query.Where(e => e.Summary.Contains(text) || e.Actor.Contains(text) || e.Action.Contains(text));
        }

        if (Before is { } before)
        {
            query = query.Where(e => e.Id < before);
        }

        var page = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }
}
