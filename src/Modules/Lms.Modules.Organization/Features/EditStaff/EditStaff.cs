using System.Text.RegularExpressions;
using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.EditStaff;

/// <summary>An admin corrects a person: names, year of birth, unit, tier, the units they manage, their roles, active or not.</summary>
internal static partial class EditStaff
{
    /// <summary>Roles an admin grants by hand; Staff is everyone's.</summary>
    public static readonly IReadOnlyList<string> AssignableRoles = [RoleNames.Manager, RoleNames.Facilitator, RoleNames.Admin];

    public sealed record Command(
        Guid StaffId,
        string? FamilyName,
        string? GivenName,
        string? FamilyNameKana,
        string? GivenNameKana,
        string? Email,
        Guid OrgUnitId,
        string? Tier,
        string? JobTitle,
        string? BirthYear, // as typed: blank for none (see BirthYears for what is read)
        bool IsActive,
        IReadOnlyList<Guid> ManagedUnitIds,
        IReadOnlyList<string>? Roles) : IRequest<bool>; // null: leave the roles as they are

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[\p{IsKatakana}ー・\s]*$")]
    private static partial Regex Katakana();

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T, TimeProvider clock)
        {
            RuleFor(c => c.FamilyName).NotEmpty().WithMessage(_ => T["Enter the family name."]).MaximumLength(50).WithMessage(_ => T["The family name is too long (50 characters at most)."]);
            RuleFor(c => c.GivenName).NotEmpty().WithMessage(_ => T["Enter the given name."]).MaximumLength(50).WithMessage(_ => T["The given name is too long (50 characters at most)."]);
            RuleFor(c => c.FamilyNameKana).Must(k => Katakana().IsMatch(k ?? "")).WithMessage(_ => T["Write the kana in katakana."]);
            RuleFor(c => c.GivenNameKana).Must(k => Katakana().IsMatch(k ?? "")).WithMessage(_ => T["Write the kana in katakana."]);
            RuleFor(c => c.Email).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email)).WithMessage(_ => T["The e-mail address is not valid."]);
            RuleFor(c => c.Email)
                .MustAsync(async (c, email, ct) => string.IsNullOrWhiteSpace(email) || !await db.Staff.AnyAsync(s => s.Id != c.StaffId && s.Email == Normalize(email), ct))
                .WithMessage(_ => T["Another person already uses this e-mail address."]);
            RuleFor(c => c.Tier).Must(t => StaffTierNames.TryParse(t, out _)).WithMessage(_ => T["Choose a tier."]);
            RuleFor(c => c.BirthYear).Must(y => BirthYears.Check(y, BirthYears.Latest(clock), out _) != BirthYearProblem.NotAYear)
                .WithMessage(_ => T["Write the year of birth as four digits of the Western calendar, for example 1985 (not 昭和60年)."]);
            RuleFor(c => c.BirthYear).Must(y => BirthYears.Check(y, BirthYears.Latest(clock), out _) != BirthYearProblem.OutOfRange)
                .WithMessage(_ => T["The year of birth must be from {0} to {1}.", BirthYears.Earliest, BirthYears.Latest(clock)]);
            RuleFor(c => c.JobTitle).MaximumLength(50).WithMessage(_ => T["The job title is too long (50 characters at most)."]);
            RuleFor(c => c.OrgUnitId).MustAsync((id, ct) => db.OrgUnits.AnyAsync(u => u.Id == id, ct)).WithMessage(_ => T["Choose the unit the person belongs to."]);
            RuleFor(c => c.ManagedUnitIds)
                .MustAsync(async (ids, ct) => ids.Count == 0 || await db.OrgUnits.CountAsync(u => ids.Contains(u.Id), ct) == ids.Distinct().Count())
                .WithMessage(_ => T["One of the managed units does not exist."]);
            RuleForEach(c => c.Roles).Must(r => AssignableRoles.Contains(r)).WithMessage(_ => T["Unknown role."]);
            RuleFor(c => c)
                .MustAsync(async (c, ct) => !await RemovesTheLastAdminAsync(db, c, ct))
                .WithMessage(_ => T["This is the site's last active administrator. Make someone else an administrator first."]);
        }
    }

    /// <summary>Would this change leave the site without an active admin (no way back in)?</summary>
    private static async Task<bool> RemovesTheLastAdminAsync(OrganizationDbContext db, Command c, CancellationToken ct)
    {
        var keepsAdmin = c.IsActive && (c.Roles is null || c.Roles.Contains(RoleNames.Admin));
        if (keepsAdmin)
        {
            return false;
        }

        var admins = from u in db.Users
                     join ur in db.UserRoles on u.Id equals ur.UserId
                     join r in db.Roles on ur.RoleId equals r.Id
                     where r.Name == RoleNames.Admin && u.IsActive
                     select u.StaffId;
        var list = await admins.ToListAsync(ct);
        return list.Contains(c.StaffId) && list.Count == 1;
    }

    internal sealed class Handler(OrganizationDbContext db, UserManager<LmsUser> users, IMediator mediator, TimeProvider clock, Domain.AuditTrail audit, IStringLocalizer<OrganizationStrings> T) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken);
            if (staff is null)
            {
                return false;
            }

            var tier = StaffTierNames.Parse(request.Tier);
            var changedForOthers = staff.OrgUnitId != request.OrgUnitId || staff.Tier != tier || staff.IsActive != request.IsActive;
            var action = staff.IsActive && !request.IsActive ? "staff.deactivated" : !staff.IsActive && request.IsActive ? "staff.reactivated" : "staff.updated";

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var unitPaths = await db.OrgUnits.Where(u => u.Id == staff.OrgUnitId || u.Id == request.OrgUnitId).ToDictionaryAsync(u => u.Id, u => u.Path, cancellationToken);
            var before = Describe(staff, unitPaths);
            staff.FamilyName = request.FamilyName!.Trim();
            staff.GivenName = request.GivenName!.Trim();
            staff.FamilyNameKana = request.FamilyNameKana?.Trim() ?? "";
            staff.GivenNameKana = request.GivenNameKana?.Trim() ?? "";
            staff.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant();
            staff.OrgUnitId = request.OrgUnitId;
            staff.Tier = tier;
            staff.JobTitle = string.IsNullOrWhiteSpace(request.JobTitle) ? null : request.JobTitle.Trim();
            BirthYears.Check(request.BirthYear, BirthYears.Latest(clock), out var birthYear); // the validator has seen it
            staff.BirthYear = birthYear;
            staff.IsActive = request.IsActive;
            staff.UpdatedAt = clock.GetUtcNow();

            // Someone who is no longer active manages nothing.
            IReadOnlyList<Guid> managedIds = request.IsActive ? request.ManagedUnitIds : [];
            var managed = await db.UnitManagers.Where(m => m.StaffId == staff.Id).ToListAsync(cancellationToken);
            db.UnitManagers.RemoveRange(managed.Where(m => !managedIds.Contains(m.OrgUnitId)));
            db.UnitManagers.AddRange(managedIds.Distinct().Where(id => managed.All(m => m.OrgUnitId != id))
                .Select(id => new UnitManager { StaffId = staff.Id, OrgUnitId = id }));
            audit.Record(action, "staff", staff.Id, $"{staff.FullName} ({staff.EmployeeNumber}): {before} → {Describe(staff, unitPaths)}"
                + (request.Roles is null ? "" : $"; {T["roles"]}: {string.Join(", ", request.Roles.Order(StringComparer.Ordinal))}"));
            await db.SaveChangesAsync(cancellationToken);

            var user = await db.Users.FirstOrDefaultAsync(u => u.StaffId == staff.Id, cancellationToken);
            if (user is not null)
            {
                await SyncAccountAsync(user, staff, request.Roles);
            }

            await transaction.CommitAsync(cancellationToken);
            if (changedForOthers)
            {
                // Committed: subscribers get the event even if the caller has gone away meanwhile.
                await mediator.Publish(new StaffChanged(staff.Id, staff.OrgUnitId, staff.Tier, staff.IsActive), CancellationToken.None);
            }

            return true;
        }

        private async Task SyncAccountAsync(LmsUser user, StaffMember staff, IReadOnlyList<string>? roles)
        {
            var wasActive = user.IsActive;
            user.IsActive = staff.IsActive;
            user.Email = staff.Email;
            user.NormalizedEmail = staff.Email?.ToUpperInvariant();
            Check(await users.UpdateAsync(user));

            var current = await users.GetRolesAsync(user);
            var wanted = roles is null
                ? current.ToHashSet(StringComparer.Ordinal)
                : roles.Where(AssignableRoles.Contains).Append(RoleNames.Staff).ToHashSet(StringComparer.Ordinal);
            if (!staff.IsActive)
            {
                wanted.Remove(RoleNames.Manager);
            }

            var remove = current.Where(r => !wanted.Contains(r)).ToList();
            var add = wanted.Where(r => !current.Contains(r)).ToList();
            if (remove.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(user, remove));
            }

            if (add.Count > 0)
            {
                Check(await users.AddToRolesAsync(user, add));
            }

            // Sessions of a deactivated person or one whose roles changed end at the next stamp check.
            if ((wasActive && !staff.IsActive) || remove.Count > 0 || add.Count > 0)
            {
                Check(await users.UpdateSecurityStampAsync(user));
            }
        }

        private string Describe(StaffMember s, Dictionary<Guid, string> unitPaths) =>
            $"{s.FamilyName} {s.GivenName} / {s.Email} / {unitPaths.GetValueOrDefault(s.OrgUnitId)} / {T[TierText.Of(s.Tier)]} / {(s.IsActive ? T["Active"] : T["Inactive"])}";

        /// <summary>Identity reports failure in its result; throwing rolls the whole edit back.</summary>
        private static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Account update failed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
