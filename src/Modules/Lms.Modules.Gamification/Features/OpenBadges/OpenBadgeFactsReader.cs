using System.Globalization;
using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// Gathers what the Open Badges documents say about an award, a badge and the issuer. The texts are always
/// Japanese, whoever asks: a hosted assertion is the record a baked image is checked against, so it must
/// not change with the verifier's Accept-Language.
/// </summary>
internal sealed class OpenBadgeFactsReader(
    GamificationDbContext db,
    IMediator mediator,
    BadgeAwarder awarder,
    CriteriaText criteriaText,
    SiteTime siteTime,
    ISiteSettingsService settings,
    IConfiguration configuration,
    IStringLocalizer<GamificationStrings> T)
{
    /// <summary>Configuration key of the issuer's contact address (environment: <c>Lms__OpenBadges__IssuerEmail</c>).</summary>
    public const string IssuerEmailKey = "Lms:OpenBadges:IssuerEmail";

    private static readonly CultureInfo DocumentCulture = CultureInfo.GetCultureInfo("ja-JP");

    public async Task<IssuerFacts> IssuerAsync(OpenBadgeUrls urls, CancellationToken cancellationToken)
    {
        var site = await settings.GetAsync(cancellationToken);
        return new IssuerFacts(site.OrganizationName, urls.Base, configuration[IssuerEmailKey] is { Length: > 0 } email ? email.Trim() : null);
    }

    public async Task<BadgeFacts?> BadgeAsync(Guid badgeId, OpenBadgeUrls urls, CancellationToken cancellationToken)
    {
        var badge = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == badgeId, cancellationToken);
        return badge is null ? null : await DescribeAsync(badge, urls, null, cancellationToken);
    }

    public async Task<AwardFacts?> AwardAsync(Guid awardId, OpenBadgeUrls urls, CancellationToken cancellationToken)
    {
        var award = await db.Awards.AsNoTracking().FirstOrDefaultAsync(a => a.Id == awardId, cancellationToken);
        var badge = award is null ? null : await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == award.BadgeId, cancellationToken);
        if (award is null || badge is null)
        {
            return null;
        }

        var contacts = await mediator.Send(new GetStaffContacts([award.StaffId]), cancellationToken);
        var contact = contacts.Count > 0 ? contacts[0] : null;
        var catalog = await awarder.CatalogAsync(cancellationToken);
        await siteTime.ZoneAsync(cancellationToken);
        using var culture = new DocumentLanguage();
        return new AwardFacts(
            award.Id,
            await DescribeAsync(badge, urls, catalog, cancellationToken),
            await IssuerAsync(urls, cancellationToken),
            award.AwardedAt,
            contact?.Email is { Length: > 0 } email ? email : null,
            Evidence(award, badge, catalog),
            award.RevokedAt,
            award.RevokedReason);
    }

    private async Task<BadgeFacts> DescribeAsync(Badge badge, OpenBadgeUrls urls, CourseCatalog? catalog, CancellationToken cancellationToken)
    {
        catalog ??= await awarder.CatalogAsync(cancellationToken);
        using var culture = new DocumentLanguage();
        var criteria = BadgeCriterion.Parse(badge.CriteriaJson) is { } criterion ? criteriaText.Describe(criterion, catalog) : "";
        // The standards require both texts: each stands in for the other, the name for both.
        var description = FirstText(badge.DescriptionJa, criteria, badge.NameJa);
        return new BadgeFacts(badge.Id, badge.NameJa, description, FirstText(criteria, description), urls.Image(badge));
    }

    private static string FirstText(params string[] texts) => texts.First(t => t.Length > 0);

    /// <summary>What earned the badge, in a sentence. The free-text reason of a manual award is left out: it may name people.</summary>
    private string Evidence(BadgeAward award, Badge badge, CourseCatalog catalog)
    {
        var on = award.EvidenceAt is { } at ? siteTime.Format(at, "yyyy/MM/dd") : null;
        var course = award.CourseId is { } courseId ? catalog.Course(courseId)?.Title : null;
        var activity = award.ActivityId is { } activityId ? catalog.Activity(activityId) : null;
        course ??= activity?.Course.Title;
        return (award.Evidence, activity?.Activity.Title, course, on) switch
        {
            (EvidenceKinds.Workshop, { } title, { } of, { } date) => T["Completed the workshop “{0}” (course “{1}”) on {2}.", title, of, date],
            (EvidenceKinds.Workshop, { } title, { } of, null) => T["Completed the workshop “{0}” (course “{1}”).", title, of],
            (EvidenceKinds.Activity, { } title, { } of, { } date) => T["Completed “{0}” (course “{1}”) on {2}.", title, of, date],
            (EvidenceKinds.Activity, { } title, { } of, null) => T["Completed “{0}” (course “{1}”).", title, of],
            (EvidenceKinds.Course, _, { } title, { } date) => T["Completed the course “{0}” on {1}.", title, date],
            (EvidenceKinds.Course, _, { } title, null) => T["Completed the course “{0}”.", title],
            (EvidenceKinds.Manual, _, _, _) => T["Awarded by an administrator."],
            _ => T["Met the badge's criteria: {0}", BadgeCriterion.Parse(badge.CriteriaJson) is { } c ? criteriaText.Describe(c, catalog) : badge.NameJa],
        };
    }

    /// <summary>Sets the documents' language for the current flow and puts the caller's back afterwards.</summary>
    private readonly struct DocumentLanguage : IDisposable
    {
        private readonly CultureInfo culture;
        private readonly CultureInfo uiCulture;

        public DocumentLanguage()
        {
            culture = CultureInfo.CurrentCulture;
            uiCulture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = DocumentCulture;
            CultureInfo.CurrentUICulture = DocumentCulture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
