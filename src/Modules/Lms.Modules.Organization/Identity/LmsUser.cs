using Microsoft.AspNetCore.Identity;

namespace Lms.Modules.Organization.Identity;

/// <summary>A sign-in account. Staff have one each (user name = employee number unless set otherwise).</summary>
public sealed class LmsUser : IdentityUser<Guid>
{
    public Guid? StaffId { get; set; }
    /// <summary>Mirrors the staff member's active flag: a deactivated person cannot sign in.</summary>
    public bool IsActive { get; set; } = true;
}

public sealed class LmsRole : IdentityRole<Guid>
{
    public string? Description { get; set; }
}
