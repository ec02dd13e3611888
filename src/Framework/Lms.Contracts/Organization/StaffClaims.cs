using System.Security.Claims;

namespace Lms.Contracts.Organization;

/// <summary>Claims the Organization module puts on a signed-in person, for other modules to read.</summary>
public static class StaffClaims
{
    public const string StaffId = "lms:staff_id";
    public const string DisplayName = "lms:display_name";

    /// <summary>The staff id of the signed-in person; null for an account that is not a member of staff.</summary>
    public static Guid? GetStaffId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirst(StaffId)?.Value, out var id) ? id : null;
}
