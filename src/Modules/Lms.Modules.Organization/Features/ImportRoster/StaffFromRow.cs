using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;

namespace Lms.Modules.Organization.Features.ImportRoster;

internal enum StaffChange
{
    Updated,
    Moved,
    Deactivated,
}

/// <summary>How a roster row compares with, changes, or becomes a staff member and their account.</summary>
internal static class StaffFromRow
{
    /// <param name="birthYear">The row's year, or the stored one when the file has no 生年 column.</param>
    /// <param name="emailReleased">The stored address was let go earlier in this import (so it reads null now) because the row has another.</param>
    public static StaffChange? Compare(StaffMember s, RosterRow r, Guid unitId, bool active, int? birthYear, bool emailReleased)
    {
        if (s.IsActive && !active)
        {
            return StaffChange.Deactivated;
        }

        if (s.OrgUnitId != unitId)
        {
            return StaffChange.Moved;
        }

        var same = s.FamilyName == r.FamilyName && s.GivenName == r.GivenName && s.FamilyNameKana == r.FamilyNameKana && s.GivenNameKana == r.GivenNameKana
            && !emailReleased && s.Email == r.Email && s.Tier == r.Tier && s.BirthYear == birthYear && s.IsActive == active;
        return same ? null : StaffChange.Updated;
    }

    public static void Apply(StaffMember s, RosterRow r, Guid unitId, bool active, int? birthYear, DateTimeOffset now)
    {
        s.FamilyName = r.FamilyName;
        s.GivenName = r.GivenName;
        s.FamilyNameKana = r.FamilyNameKana;
        s.GivenNameKana = r.GivenNameKana;
        s.Email = r.Email;
        s.Tier = r.Tier;
        s.BirthYear = birthYear;
        s.OrgUnitId = unitId;
        s.IsActive = active;
        s.UpdatedAt = now;
    }

    public static StaffMember NewStaff(RosterRow r, Guid unitId, bool active, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EmployeeNumber = r.EmployeeNumber,
        FamilyName = r.FamilyName,
        GivenName = r.GivenName,
        FamilyNameKana = r.FamilyNameKana,
        GivenNameKana = r.GivenNameKana,
        Email = r.Email,
        OrgUnitId = unitId,
        Tier = r.Tier,
        BirthYear = r.BirthYear,
        IsActive = active,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// An account without a password, signed in for the first time through the first-sign-in path.
    /// Built directly (not through UserManager) because tens of thousands arrive at once; the fields
    /// UserManager would normalise are set here the same way.
    /// </summary>
    public static LmsUser NewAccount(StaffMember s) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = s.EmployeeNumber,
        NormalizedUserName = s.EmployeeNumber.ToUpperInvariant(),
        Email = s.Email,
        NormalizedEmail = s.Email?.ToUpperInvariant(),
        EmailConfirmed = s.Email is not null,
        StaffId = s.Id,
        IsActive = s.IsActive,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
    };
}
