using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ManageOrgUnits;

/// <summary>April's reorganisation: rename, move and merge units, and say who manages them.</summary>
internal static class ManageOrgUnits
{
    internal sealed record Rename(Guid UnitId, string? Name) : IRequest<Unit>;

    internal sealed record Move(Guid UnitId, Guid? NewParentId) : IRequest<Unit>;

    /// <summary>Everyone and everything in the source goes to the target; the source disappears.</summary>
    internal sealed record Merge(Guid SourceId, Guid TargetId) : IRequest<Unit>;

    internal sealed record SetManagers(Guid UnitId, IReadOnlyList<string> EmployeeNumbers) : IRequest<Unit>;

    internal sealed class RenameValidator : AbstractValidator<Rename>
    {
        public RenameValidator(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => T["Enter the unit's name."])
                .MaximumLength(100).WithMessage(_ => T["The unit's name is too long (100 characters at most)."])
                .Must(n => n is null || (!n.Contains('/') && !n.Contains('／'))).WithMessage(_ => T["A unit's name cannot contain a slash (/)."]);
            RuleFor(c => c).MustAsync(async (c, ct) =>
                {
                    var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == c.UnitId, ct);
                    return unit is null || !await db.OrgUnits.AnyAsync(u => u.ParentId == unit.ParentId && u.Id != unit.Id && u.Name == (c.Name ?? "").Trim(), ct);
                })
                .WithMessage(_ => T["A unit with this name already exists at the same place."]);
        }
    }

    internal sealed class MoveValidator : AbstractValidator<Move>
    {
        public MoveValidator(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T)
        {
            RuleFor(c => c).MustAsync(async (c, ct) => await IsOutsideAsync(db, c.UnitId, c.NewParentId, ct))
                .WithMessage(_ => T["A unit cannot be moved into itself or into a unit below it."]);
            RuleFor(c => c).MustAsync(async (c, ct) =>
                {
                    var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == c.UnitId, ct);
                    return unit is null || !await db.OrgUnits.AnyAsync(u => u.ParentId == c.NewParentId && u.Id != unit.Id && u.Name == unit.Name, ct);
                })
                .WithMessage(_ => T["A unit with this name already exists at the same place."]);
        }
    }

    internal sealed class MergeValidator : AbstractValidator<Merge>
    {
        public MergeValidator(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T)
        {
            RuleFor(c => c).Must(c => c.SourceId != c.TargetId).WithMessage(_ => T["Choose another unit to merge into."]);
            RuleFor(c => c).MustAsync(async (c, ct) => await IsOutsideAsync(db, c.SourceId, c.TargetId, ct))
                .WithMessage(_ => T["A unit cannot be merged into a unit below it."]);
            RuleFor(c => c).MustAsync(async (c, ct) =>
                {
                    var childNames = await db.OrgUnits.Where(u => u.ParentId == c.SourceId).Select(u => u.Name).ToListAsync(ct);
                    return !await db.OrgUnits.AnyAsync(u => u.ParentId == c.TargetId && childNames.Contains(u.Name), ct);
                })
                .WithMessage(_ => T["Both units have a unit of the same name below them; rename one first."]);
        }
    }

    internal sealed class SetManagersValidator : AbstractValidator<SetManagers>
    {
        public SetManagersValidator(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T)
        {
            RuleFor(c => c.EmployeeNumbers).MustAsync(async (numbers, ct) =>
                    numbers.Count == 0 || await db.Staff.CountAsync(s => numbers.Contains(s.EmployeeNumber) && s.IsActive, ct) == numbers.Distinct().Count())
                .WithMessage(_ => T["Every manager must be an active member of staff; check the employee numbers."]);
        }
    }

    private static async Task<bool> IsOutsideAsync(OrganizationDbContext db, Guid unitId, Guid? destinationId, CancellationToken ct)
    {
        if (destinationId is null)
        {
            return true;
        }

        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        var destination = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == destinationId, ct);
        return unit is not null && destination is not null && !unit.Contains(destination);
    }

    internal sealed class Handler(OrganizationDbContext db, AuditTrail audit, IMediator mediator, UserManager<Identity.LmsUser> users, TimeProvider clock, IStringLocalizer<OrganizationStrings> T)
        : IRequestHandler<Rename, Unit>, IRequestHandler<Move, Unit>, IRequestHandler<Merge, Unit>, IRequestHandler<SetManagers, Unit>
    {
        public async Task<Unit> Handle(Rename request, CancellationToken ct)
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Id == request.UnitId, ct);
            var oldPath = unit.Path;
            var parentPath = oldPath.Contains('/') ? oldPath[..oldPath.LastIndexOf('/')] + "/" : "";
            unit.Name = request.Name!.Trim();
            await RewriteSubtreeAsync(unit, parentPath + unit.Name, ct);
            audit.Record("unit.renamed", "unit", unit.Id, $"{oldPath} → {unit.Path}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        public async Task<Unit> Handle(Move request, CancellationToken ct)
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Id == request.UnitId, ct);
            var parent = request.NewParentId is null ? null : await db.OrgUnits.FirstAsync(u => u.Id == request.NewParentId, ct);
            var oldPath = unit.Path;
            unit.ParentId = parent?.Id;
            await RewriteSubtreeAsync(unit, parent is null ? unit.Name : parent.Path + "/" + unit.Name, ct);
            audit.Record("unit.moved", "unit", unit.Id, $"{oldPath} → {unit.Path}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        public async Task<Unit> Handle(Merge request, CancellationToken ct)
        {
            var source = await db.OrgUnits.FirstAsync(u => u.Id == request.SourceId, ct);
            var target = await db.OrgUnits.FirstAsync(u => u.Id == request.TargetId, ct);
            var now = clock.GetUtcNow();
            var events = new List<StaffChanged>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            foreach (var member in await db.Staff.Where(s => s.OrgUnitId == source.Id).ToListAsync(ct))
            {
                member.OrgUnitId = target.Id;
                member.UpdatedAt = now;
                events.Add(new StaffChanged(member.Id, target.Id, member.Tier, member.IsActive));
            }

            foreach (var child in await db.OrgUnits.Where(u => u.ParentId == source.Id).ToListAsync(ct))
            {
                child.ParentId = target.Id;
                await RewriteSubtreeAsync(child, target.Path + "/" + child.Name, ct);
            }

            var targetManagers = await db.UnitManagers.Where(m => m.OrgUnitId == target.Id).Select(m => m.StaffId).ToListAsync(ct);
            foreach (var manager in await db.UnitManagers.Where(m => m.OrgUnitId == source.Id).ToListAsync(ct))
            {
                db.UnitManagers.Remove(manager);
                if (!targetManagers.Contains(manager.StaffId))
                {
                    db.UnitManagers.Add(new UnitManager { StaffId = manager.StaffId, OrgUnitId = target.Id });
                }
            }

            await db.SaveChangesAsync(ct);
            db.OrgUnits.Remove(source);
            audit.Record("unit.merged", "unit", target.Id, T["{0} merged into {1} ({2} people moved)", source.Path, target.Path, events.Count]);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var e in events)
            {
                await mediator.Publish(e, CancellationToken.None);
            }

            return Unit.Value;
        }

        public async Task<Unit> Handle(SetManagers request, CancellationToken ct)
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Id == request.UnitId, ct);
            var numbers = request.EmployeeNumbers.Distinct().ToList();
            var wanted = await db.Staff.Where(s => numbers.Contains(s.EmployeeNumber)).ToDictionaryAsync(s => s.Id, ct);
            var current = await db.UnitManagers.Where(m => m.OrgUnitId == unit.Id).ToListAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.UnitManagers.RemoveRange(current.Where(m => !wanted.ContainsKey(m.StaffId)));
            db.UnitManagers.AddRange(wanted.Keys.Where(id => current.All(m => m.StaffId != id)).Select(id => new UnitManager { StaffId = id, OrgUnitId = unit.Id }));
            await db.SaveChangesAsync(ct);

            // The Manager role follows who manages something.
            var touched = current.Select(m => m.StaffId).Union(wanted.Keys).ToList();
            var stillManaging = (await db.UnitManagers.Where(m => touched.Contains(m.StaffId)).Select(m => m.StaffId).ToListAsync(ct)).ToHashSet();
            foreach (var user in await db.Users.Where(u => u.StaffId != null && touched.Contains(u.StaffId.Value)).ToListAsync(ct))
            {
                var isManager = await users.IsInRoleAsync(user, RoleNames.Manager);
                var result = stillManaging.Contains(user.StaffId!.Value) switch
                {
                    true when !isManager => await users.AddToRoleAsync(user, RoleNames.Manager),
                    false when isManager => await users.RemoveFromRoleAsync(user, RoleNames.Manager),
                    _ => IdentityResult.Success,
                };
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
                }
            }

            audit.Record("unit.managers", "unit", unit.Id, $"{unit.Path}: {string.Join(", ", wanted.Values.Select(s => $"{s.FullName} ({s.EmployeeNumber})"))}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Unit.Value;
        }

        /// <summary>A unit's path, and the paths and depths of everything below it, after a rename or move.</summary>
        private async Task RewriteSubtreeAsync(OrgUnit unit, string newPath, CancellationToken ct)
        {
            var oldPath = unit.Path;
            var descendants = await db.OrgUnits.Where(u => u.Path.StartsWith(oldPath + "/")).ToListAsync(ct);
            var now = clock.GetUtcNow();
            unit.Path = newPath;
            unit.Depth = newPath.Count(c => c == '/');
            unit.UpdatedAt = now;
            foreach (var d in descendants)
            {
                d.Path = newPath + d.Path[oldPath.Length..];
                d.Depth = d.Path.Count(c => c == '/');
                d.UpdatedAt = now;
            }
        }
    }
}
