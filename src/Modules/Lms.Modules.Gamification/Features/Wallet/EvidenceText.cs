using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <summary>
/// What earned an award, in words a person recognises: the workshop and the day of its session, the course,
/// or the administrator's reason. Dates on the site's clock (call <see cref="SiteTime.ZoneAsync"/> first).
/// </summary>
internal sealed class EvidenceText(IStringLocalizer<GamificationStrings> T, SiteTime time)
{
    public string Describe(BadgeAward award, CourseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(catalog);
        var date = award.EvidenceAt is { } at ? time.Format(at, "yyyy/MM/dd") : null;
        switch (award.Evidence)
        {
            case EvidenceKinds.Workshop:
            {
                var title = ActivityTitle(award, catalog);
                return date is null ? T["Workshop “{0}”", title].Value
                    : award.SessionId is not null ? T["Workshop “{0}” (completed at the session of {1})", title, date].Value
                    : T["Workshop “{0}” (completed on {1})", title, date].Value;
            }

            case EvidenceKinds.Course:
            {
                var title = award.CourseId is { } id && catalog.Course(id) is { } course ? course.Title : T["a course no longer published"].Value;
                return date is null ? T["Course “{0}”", title].Value : T["Course “{0}” (completed on {1})", title, date].Value;
            }

            case EvidenceKinds.Activity:
            {
                var title = ActivityTitle(award, catalog);
                return date is null ? T["“{0}”", title].Value : T["“{0}” (completed on {1})", title, date].Value;
            }

            case EvidenceKinds.Points:
                return T["The points you earned by learning"];
            case EvidenceKinds.Manual:
                return string.IsNullOrWhiteSpace(award.Reason) ? T["Awarded by an administrator"].Value : T["Awarded by an administrator: {0}", award.Reason].Value;
            default:
                return "";
        }
    }

    private string ActivityTitle(BadgeAward award, CourseCatalog catalog) =>
        award.ActivityId is { } id && catalog.Activity(id) is { } found ? found.Activity.Title : T["an activity no longer published"];
}
