using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <summary>
/// The page a holder shares: open to anyone, and only while the holder keeps it public. A private, revoked or
/// unknown award gets the site's plain 404, the same for all three, so the address reveals nothing.
/// </summary>
[AllowAnonymous]
public sealed class PublicAwardModel(ISiteSettingsService site, IMediator mediator) : PageModel
{
    public string BadgeName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Criteria { get; private set; } = "";
    public string ImageUrl { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public DateTimeOffset AwardedAt { get; private set; }
    public string Issuer { get; private set; } = "";
    public Guid AwardId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid awardId, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        if (await services.GetRequiredService<BadgeWallet>().PublicAsync(awardId, cancellationToken) is not { } shown
            || await mediator.Send(new GetStaffContacts([shown.Award.StaffId]), cancellationToken) is not [var holder, ..])
        {
            return NotFound();
        }

        var english = !LmsCultures.IsJapanese;
        var catalog = await services.GetRequiredService<AwardViews>().CatalogAsync(cancellationToken);
        AwardId = awardId;
        BadgeName = shown.Badge.Name(english);
        Description = shown.Badge.Description(english);
        Criteria = BadgeCriterion.Parse(shown.Badge.CriteriaJson) is { } criterion ? services.GetRequiredService<CriteriaText>().Describe(criterion, catalog) : "";
        ImageUrl = BadgeImages.PathOf(shown.Badge);
        HolderName = holder.Name;
        AwardedAt = shown.Award.AwardedAt;
        Issuer = (await site.GetAsync(cancellationToken)).OrganizationName;
        return Page();
    }
}
