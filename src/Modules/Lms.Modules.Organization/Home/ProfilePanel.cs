using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Home;

internal sealed class ProfilePanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) => [new("ProfilePanel", 0)];
}

/// <summary>The greeting at the top of the home page: who you are, where you sit, your tier.</summary>
public sealed class ProfilePanelViewComponent(OrganizationDbContext db) : ViewComponent
{
    public sealed record Model(string Name, string? UnitPath, StaffTier? Tier, string? JobTitle);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var staffId = Guid.TryParse(UserClaimsPrincipal.FindFirstValue(LmsClaimsPrincipalFactory.StaffIdClaim), out var id) ? id : (Guid?)null;
        var staff = staffId is null ? null : await (
            from s in db.Staff.AsNoTracking()
            join u in db.OrgUnits.AsNoTracking() on s.OrgUnitId equals u.Id
            where s.Id == staffId
            select new Model(s.FamilyName + " " + s.GivenName, u.Path, s.Tier, s.JobTitle)).FirstOrDefaultAsync();
        return View(staff ?? new Model(UserClaimsPrincipal.Identity?.Name ?? "", null, null, null));
    }
}
