using System.Text.Json;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Lms.Modules.Organization.Recipes.DemoCity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Recipes;

/// <summary>
/// <c>{"name": "demo-city", "seed": 20260401, "staff": 500, "password": "Demo-2026!"}</c>: the demo
/// city's org chart, staff, managers and accounts. Only the demo accounts get the password;
/// everyone else has an account without one. Adds what is missing, so a re-run changes nothing.
/// </summary>
internal sealed class DemoCityStep(OrganizationDbContext db, UserManager<LmsUser> users, IMediator mediator, TimeProvider clock) : IRecipeStep
{
    public string Name => "demo-city";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (step.TryGetProperty("staff", out var staff) && (!staff.TryGetInt32(out var count) || count < DemoCityGenerator.MinStaffCount || count > DemoCityGenerator.MaxStaffCount))
        {
            yield return $"\"staff\" must be a whole number from {DemoCityGenerator.MinStaffCount} to {DemoCityGenerator.MaxStaffCount}.";
        }

        if (step.TryGetProperty("seed", out var seed) && !seed.TryGetInt32(out _))
        {
            yield return "\"seed\" must be a whole number.";
        }

        if (!step.TryGetProperty("password", out var password) || string.IsNullOrWhiteSpace(password.GetString()))
        {
            yield return "\"password\" (for the demo accounts) is required.";
        }

        if (!context.Steps.Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == "roles")
            && !RolesAlreadyExist())
        {
            yield return "the roles Staff, Manager and Admin must exist: run the setup recipe first.";
        }
    }

    private bool RolesAlreadyExist() => db.Roles.Count(r => r.Name == RoleNames.Staff || r.Name == RoleNames.Manager || r.Name == RoleNames.Admin) == 3;

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        var seed = step.TryGetProperty("seed", out var s) ? s.GetInt32() : DemoCityGenerator.DefaultSeed;
        var count = step.TryGetProperty("staff", out var c) ? c.GetInt32() : 500;
        var password = step.GetProperty("password").GetString()!;
        var city = DemoCityGenerator.Generate(seed, count);
        var now = clock.GetUtcNow();

        var registered = new List<StaffRegistered>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var units = await AddUnitsAsync(city, now, cancellationToken);
            var staff = await AddStaffAsync(city, units, now, registered, cancellationToken);
            await AddManagersAsync(city, units, staff, cancellationToken);
            await AddAccountsAsync(city, staff, password, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        context.Log.Add($"Demo city: {city.Units.Count} units, {city.People.Count} staff ({registered.Count} new)");
        foreach (var notification in registered)
        {
            await mediator.Publish(notification, CancellationToken.None); // committed: deliver whatever happens to the caller
        }
    }

    private async Task<Dictionary<string, Guid>> AddUnitsAsync(DemoCityData city, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.OrgUnits.ToDictionaryAsync(u => u.Path, u => u.Id, StringComparer.Ordinal, ct);
        foreach (var unit in city.Units.Where(u => !existing.ContainsKey(u.Path)))
        {
            var id = DeterministicGuid.From("unit:" + unit.Path);
            db.OrgUnits.Add(new OrgUnit
            {
                Id = id,
                ParentId = unit.ParentPath is null ? null : existing[unit.ParentPath],
                Name = unit.Name,
                Path = unit.Path,
                Depth = unit.Path.Count(ch => ch == '/'),
                SortOrder = unit.SortOrder,
                CreatedAt = now,
                UpdatedAt = now,
            });
            existing[unit.Path] = id;
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    private async Task<Dictionary<string, Guid>> AddStaffAsync(DemoCityData city, Dictionary<string, Guid> units, DateTimeOffset now, List<StaffRegistered> registered, CancellationToken ct)
    {
        var existing = await db.Staff.ToDictionaryAsync(x => x.EmployeeNumber, x => x.Id, StringComparer.Ordinal, ct);
        foreach (var person in city.People.Where(p => !existing.ContainsKey(p.EmployeeNumber)))
        {
            var tier = StaffTierNames.Parse(person.Tier);
            var member = new StaffMember
            {
                Id = DeterministicGuid.From("staff:" + person.EmployeeNumber),
                EmployeeNumber = person.EmployeeNumber,
                FamilyName = person.FamilyName,
                GivenName = person.GivenName,
                FamilyNameKana = person.FamilyNameKana,
                GivenNameKana = person.GivenNameKana,
                Email = person.Email,
                OrgUnitId = units[person.UnitPath],
                Tier = tier,
                JobTitle = person.JobTitle,
                BirthYear = person.BirthYear,
                IsActive = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Staff.Add(member);
            existing[person.EmployeeNumber] = member.Id;
            registered.Add(new StaffRegistered(member.Id, member.EmployeeNumber, member.OrgUnitId, member.Tier));
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    private async Task AddManagersAsync(DemoCityData city, Dictionary<string, Guid> units, Dictionary<string, Guid> staff, CancellationToken ct)
    {
        var existing = (await db.UnitManagers.Select(m => new { m.StaffId, m.OrgUnitId }).ToListAsync(ct)).Select(m => (m.StaffId, m.OrgUnitId)).ToHashSet();
        foreach (var person in city.People)
        {
            foreach (var path in person.ManagedUnitPaths)
            {
                var pair = (staff[person.EmployeeNumber], units[path]);
                if (existing.Add(pair))
                {
                    db.UnitManagers.Add(new UnitManager { StaffId = pair.Item1, OrgUnitId = pair.Item2 });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task AddAccountsAsync(DemoCityData city, Dictionary<string, Guid> staff, string password, CancellationToken ct)
    {
        var withAccount = (await db.Users.Where(u => u.StaffId != null).Select(u => u.StaffId!.Value).ToListAsync(ct)).ToHashSet();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
        foreach (var person in city.People)
        {
            var staffId = staff[person.EmployeeNumber];
            if (withAccount.Contains(staffId))
            {
                continue;
            }

            var user = new LmsUser
            {
                Id = DeterministicGuid.From("user:" + person.EmployeeNumber),
                UserName = person.UserName ?? person.EmployeeNumber,
                Email = person.Email,
                EmailConfirmed = true,
                StaffId = staffId,
                IsActive = true,
            };
            var roles = new List<string> { RoleNames.Staff };
            if (person.ManagedUnitPaths.Count > 0)
            {
                roles.Add(RoleNames.Manager);
            }

            if (person.UserName == DemoCityGenerator.AdminUserName)
            {
                roles.Add(RoleNames.Admin);
            }

            if (person.UserName == DemoCityGenerator.AuthorUserName)
            {
                roles.Add(RoleNames.Author);
            }

            if (person.UserName == DemoCityGenerator.FacilitatorUserName)
            {
                roles.Add(RoleNames.Facilitator);
            }

            // Only the documented demo accounts can sign in; the others are accounts awaiting a first sign-in.
            var result = person.UserName is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Account for {person.EmployeeNumber}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }

            db.UserRoles.AddRange(roles.Select(r => new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[r] }));
        }

        await db.SaveChangesAsync(ct);
    }
}
