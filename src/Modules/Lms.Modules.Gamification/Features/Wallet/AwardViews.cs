using Lms.Framework.Settings;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <param name="Kind"><c>workshop</c>, <c>course</c>, <c>activity</c>, <c>points</c> or <c>manual</c>.</param>
internal sealed record EvidenceView(string Kind, Guid? CourseId, Guid? ActivityId, Guid? SessionId, string Text);

/// <summary>An award as its holder sees it (page and API): the badge, when, why, and where it can be seen or verified.</summary>
internal sealed record AwardView(
    Guid Id,
    Guid BadgeId,
    string Name,
    string Description,
    string ImageUrl,
    DateTimeOffset AwardedAt,
    EvidenceView Evidence,
    bool IsPublic,
    string? PublicUrl,
    string AssertionUrl,
    string CredentialUrl,
    string BakedImageUrl);

/// <summary>A badge still to earn, with what earns it in a sentence.</summary>
internal sealed record BadgeToEarn(Guid BadgeId, string Name, string Description, string ImageUrl, string HowToEarn);

/// <summary>Turns a person's awards and the badges still open to them into what the page and the API show.</summary>
internal sealed class AwardViews(BadgeWallet wallet, BadgeAwarder awarder, EvidenceText evidence, CriteriaText criteria, SiteTime time, MediatR.IMediator mediator)
{
    /// <summary>The published courses (titles for evidence and criteria): one read for the whole page.</summary>
    public Task<CourseCatalog> CatalogAsync(CancellationToken cancellationToken = default) => awarder.CatalogAsync(cancellationToken);

    /// <param name="origin">The site's address (see <see cref="AwardLinks.Origin"/>): links leave the site (backpacks, e-mail), so they are absolute.</param>
    public async Task<IReadOnlyList<AwardView>> EarnedAsync(Guid staffId, CourseCatalog catalog, string origin, CancellationToken cancellationToken = default)
    {
        await time.ZoneAsync(cancellationToken);
        var english = !LmsCultures.IsJapanese;
        return (await wallet.EarnedAsync(staffId, cancellationToken)).Select(e => new AwardView(
                e.Award.Id,
                e.Badge.Id,
                e.Badge.Name(english),
                e.Badge.Description(english),
                origin + BadgeImages.PathOf(e.Badge),
                e.Award.AwardedAt,
                new EvidenceView(e.Award.Evidence, e.Award.CourseId, e.Award.ActivityId, e.Award.SessionId, evidence.Describe(e.Award, catalog)),
                e.Award.IsPublic,
                e.Award.IsPublic ? origin + AwardLinks.PublicPage(e.Award.Id) : null,
                origin + AwardLinks.Assertion(e.Award.Id),
                origin + AwardLinks.Credential(e.Award.Id),
                origin + AwardLinks.BakedImage(e.Award.Id)))
            .ToList();
    }

    public async Task<IReadOnlyList<BadgeToEarn>> ToEarnAsync(Guid staffId, CourseCatalog catalog, CancellationToken cancellationToken = default)
    {
        var english = !LmsCultures.IsJapanese;
        var enrolled = (await mediator.Send(new Lms.Contracts.Learning.GetLearningRecords([staffId], IncludeCompletions: false), cancellationToken)).Enrolments.Select(e => e.CourseId).ToHashSet();
        return (await wallet.NotYetEarnedAsync(staffId, cancellationToken))
            .Where(b => BadgeCriterion.Parse(b.CriteriaJson) is { } c && CriteriaReach.Reachable(c, enrolled, catalog))
            .Select(b => new BadgeToEarn(b.Id, b.Name(english), b.Description(english), BadgeImages.PathOf(b),
                BadgeCriterion.Parse(b.CriteriaJson) is { } criterion ? criteria.Describe(criterion, catalog) : ""))
            .ToList();
    }
}
