using System.Globalization;
using Lms.Modules.Notifications.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.PreferencePages;

/// <summary>The fields of the preferences form (the signed-in page and the link from an e-mail share it).</summary>
public sealed class PreferencesForm
{
    public string Culture { get; set; } = "ja";
    /// <summary>The kinds ticked for e-mail.</summary>
    public List<string> Mail { get; set; } = [];
    public bool QuietHours { get; set; } = true;
    public string WorkStart { get; set; } = "08:30";
    public string WorkEnd { get; set; } = "17:15";

    internal static PreferencesForm From(Domain.Preferences p) => new()
    {
        Culture = p.Culture,
        Mail = NotificationKinds.Choosable.Where(p.WantsMail).ToList(),
        QuietHours = p.QuietHours,
        WorkStart = p.WorkStart.ToString("HH:mm", CultureInfo.InvariantCulture),
        WorkEnd = p.WorkEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    /// <summary>Saves the form as <paramref name="staffId"/>'s choices; returns the message saying what is wrong instead (nothing saved).</summary>
    internal async Task<string?> SaveAsync(Guid staffId, IServiceProvider services, IStringLocalizer<NotificationsStrings> T, CancellationToken cancellationToken)
    {
        var (preferences, error) = Read(T);
        if (preferences is null)
        {
            return error;
        }

        await services.GetRequiredService<PreferenceStore>().SaveAsync(staffId, preferences, cancellationToken);
        return null;
    }

    /// <summary>The choices, or the message saying what is wrong (nothing is saved then).</summary>
    internal (Domain.Preferences? Preferences, string? Error) Read(IStringLocalizer<NotificationsStrings> T)
    {
        if (Culture is not ("ja" or "en"))
        {
            return (null, T["Choose Japanese or English."]);
        }

        if (!TimeOnly.TryParseExact(WorkStart, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(WorkEnd, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return (null, T["Give the hours as HH:mm, for example 08:30."]);
        }

        if (WorkingHours.Validate(start, end) is { } problem)
        {
            return (null, T[problem]);
        }

        var off = NotificationKinds.Choosable.Where(k => !Mail.Contains(k)).ToHashSet(StringComparer.Ordinal);
        return (new Domain.Preferences(Culture, off, QuietHours, start, end), null);
    }
}
