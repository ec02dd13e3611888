using System.Globalization;
using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Framework.Settings;
using Lms.Modules.Organization.Features.FirstSignIn;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.EditStaff;

[Authorize(Policy = "ViewOrganization")]
public sealed class EditStaffModel(OrganizationDbContext db, UserManager<LmsUser> users, IMediator mediator, IAuthorizationService authorization, FirstSignInCodes codes, ISiteSettingsService settings) : PageModel
{
    public sealed class FormModel
    {
        public string? FamilyName { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyNameKana { get; set; }
        public string? GivenNameKana { get; set; }
        public string? Email { get; set; }
        public Guid OrgUnitId { get; set; }
        public string? Tier { get; set; }
        public string? JobTitle { get; set; }
        /// <summary>As typed, so that a wrong value comes back with its reason instead of vanishing in model binding.</summary>
        public string? BirthYear { get; set; }
        public bool IsActive { get; set; }
        public List<Guid> ManagedUnitIds { get; set; } = [];
        public List<string> Roles { get; set; } = [];
    }

    [BindProperty] public FormModel Form { get; set; } = new();
    public string EmployeeNumber { get; private set; } = "";
    public IReadOnlyList<OrgChart.UnitInfo> Units { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public bool Saved { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanAssignRoles { get; private set; }
    /// <summary>A freshly issued first-sign-in code, shown once.</summary>
    public string? IssuedCode { get; private set; }
    public DateTimeOffset? IssuedCodeExpiresAt { get; private set; }

    public async Task<IActionResult> OnPostIssueCodeAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Permissions.ManageOrganization.Name)).Succeeded)
        {
            return Forbid();
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.StaffId == id, ct);
        if (user is null || !user.IsActive)
        {
            return NotFound();
        }

        // A code replaces the password: for an administrator's account it is a way to become one.
        if (await users.IsInRoleAsync(user, Lms.Framework.Security.RoleNames.Admin)
            && !(await authorization.AuthorizeAsync(User, Permissions.AssignRoles.Name)).Succeeded)
        {
            return Forbid();
        }

        (IssuedCode, var expiresAt) = await codes.IssueAsync(user);
        IssuedCodeExpiresAt = TimeZoneInfo.ConvertTime(expiresAt, (await settings.GetAsync(ct)).TimeZone);
        await mediator.Send(new RecordCodeIssued(id, User.Identity?.Name ?? "admin"), ct);
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
        {
            return NotFound();
        }

        Form = new FormModel
        {
            FamilyName = staff.FamilyName,
            GivenName = staff.GivenName,
            FamilyNameKana = staff.FamilyNameKana,
            GivenNameKana = staff.GivenNameKana,
            Email = staff.Email,
            OrgUnitId = staff.OrgUnitId,
            Tier = staff.Tier.ToApiValue(),
            JobTitle = staff.JobTitle,
            BirthYear = staff.BirthYear?.ToString(CultureInfo.InvariantCulture),
            IsActive = staff.IsActive,
            ManagedUnitIds = await db.UnitManagers.Where(m => m.StaffId == id).Select(m => m.OrgUnitId).ToListAsync(ct),
        };
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.StaffId == id, ct);
        Form.Roles = user is null ? [] : [.. await users.GetRolesAsync(user)];
        await LoadAsync(staff, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Permissions.ManageOrganization.Name)).Succeeded)
        {
            return Forbid();
        }

        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
        {
            return NotFound();
        }

        var mayAssignRoles = (await authorization.AuthorizeAsync(User, Permissions.AssignRoles.Name)).Succeeded;
        try
        {
            var found = await mediator.Send(new EditStaff.Command(id, Form.FamilyName, Form.GivenName, Form.FamilyNameKana, Form.GivenNameKana, Form.Email,
                Form.OrgUnitId, Form.Tier, Form.JobTitle, Form.BirthYear, Form.IsActive, Form.ManagedUnitIds, mayAssignRoles ? Form.Roles : null), ct);
            if (!found)
            {
                return NotFound();
            }

            Saved = true;
        }
        catch (ValidationException e)
        {
            Errors.AddRange(e.Errors.Select(x => x.ErrorMessage).Distinct());
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(staff, ct);
        return Page();
    }

    private async Task LoadAsync(StaffMember staff, CancellationToken ct)
    {
        EmployeeNumber = staff.EmployeeNumber;
        Units = [.. (await OrgChart.LoadAsync(db, ct)).All.Select(n => n.Unit)];
        CanEdit = (await authorization.AuthorizeAsync(User, Permissions.ManageOrganization.Name)).Succeeded;
        CanAssignRoles = (await authorization.AuthorizeAsync(User, Permissions.AssignRoles.Name)).Succeeded;
        if (Request.Method == HttpMethods.Post && !CanAssignRoles)
        {
            // The form did not carry the roles it could not change; show what the account has.
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.StaffId == staff.Id, ct);
            Form.Roles = user is null ? [] : [.. await users.GetRolesAsync(user)];
        }
    }
}
