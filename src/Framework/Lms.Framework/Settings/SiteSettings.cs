using System.Text.Json;
using Lms.Framework.Data.Platform;
using Lms.Framework.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Framework.Settings;

public sealed record SiteSettings(string SiteName, string OrganizationName, string TimeZoneId, string? BaseUrl)
{
    public static readonly SiteSettings Default = new("Step-0 DX ラーニング", "市役所", "Asia/Tokyo", null);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>
    /// Where people reach the site, without a trailing slash, for links that leave it (e-mails, QR codes):
    /// <see cref="BaseUrl"/>, or <c>http://localhost:5000</c> (the development address) while it is not set.
    /// </summary>
    public string PublicRoot => (BaseUrl is { Length: > 0 } configured ? configured : "http://localhost:5000").TrimEnd('/');
}

public interface ISiteSettingsService
{
    Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads the settings once per scope (a request, a job, a recipe run) and shares them across the process for
/// <see cref="SiteSettingsCache.Lifetime"/>: every page asks for them (the site's day and time zone) and they change
/// only through the <c>settings</c> recipe step, which forgets both copies on its node at once; other nodes of a
/// several-node site read the change within the lifetime.
/// </summary>
internal sealed class SiteSettingsService(PlatformDbContext db, SiteSettingsCache shared) : ISiteSettingsService
{
    private SiteSettings? cached;

    public async Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cached is { } settings)
        {
            return settings;
        }

        if (shared.TryGet(out var fresh))
        {
            return cached = fresh;
        }

        var record = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        cached = record is null ? SiteSettings.Default : new SiteSettings(record.SiteName, record.OrganizationName, record.TimeZoneId, record.BaseUrl);
        shared.Set(cached);
        return cached;
    }

    public void Forget()
    {
        cached = null;
        shared.Forget();
    }
}

/// <summary>The process's copy of the site settings, kept in the memory cache for <see cref="Lifetime"/>.</summary>
internal sealed class SiteSettingsCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static readonly object Key = new();

    public bool TryGet(out SiteSettings settings) => cache.TryGetValue(Key, out settings!);

    public void Set(SiteSettings settings) => cache.Set(Key, settings, Lifetime);

    public void Forget() => cache.Remove(Key);
}

/// <summary><c>{"name": "settings", "siteName": "...", "organizationName": "...", "timeZone": "Asia/Tokyo", "baseUrl": "https://..."}</c></summary>
internal sealed class SettingsStep(PlatformDbContext db, ISiteSettingsService settings, TimeProvider clock) : IRecipeStep
{
    public string Name => "settings";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        foreach (var field in new[] { "siteName", "organizationName" })
        {
            if (!step.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                yield return $"\"{field}\" is required.";
            }
        }

        if (step.TryGetProperty("timeZone", out var tz) && !TimeZoneInfo.TryFindSystemTimeZoneById(tz.GetString() ?? "", out _))
        {
            yield return $"\"timeZone\" '{tz}' is not a known time zone (e.g. Asia/Tokyo).";
        }

        if (step.TryGetProperty("baseUrl", out var url) && !Uri.TryCreate(url.GetString(), UriKind.Absolute, out _))
        {
            yield return "\"baseUrl\" must be an absolute URL.";
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        var record = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (record is null)
        {
            record = new SiteSettingsRecord { SiteName = "", OrganizationName = "", TimeZoneId = "Asia/Tokyo" };
            db.SiteSettings.Add(record);
        }

        record.SiteName = step.GetProperty("siteName").GetString()!;
        record.OrganizationName = step.GetProperty("organizationName").GetString()!;
        record.TimeZoneId = step.TryGetProperty("timeZone", out var tz) ? tz.GetString()! : "Asia/Tokyo";
        record.BaseUrl = step.TryGetProperty("baseUrl", out var url) ? url.GetString() : null;
        record.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        (settings as SiteSettingsService)?.Forget();
        context.Log.Add($"Site settings: {record.SiteName} ({record.OrganizationName})");
    }
}
