namespace Lms.Framework.Security;

/// <summary>
/// A permission a module declares. Its <see cref="Name"/> is also the name of the authorization
/// policy that requires it, so endpoints say <c>.RequireAuthorization(MyPermissions.ManageX.Name)</c>
/// and never name a role.
/// </summary>
public sealed record Permission(string Name, string Description, string Category);

/// <summary>The roles a fresh site grants a permission to (Orchard Core's "stereotypes").</summary>
public sealed record PermissionStereotype(string RoleName, IReadOnlyList<Permission> Permissions);

public interface IPermissionProvider
{
    IEnumerable<Permission> GetPermissions();

    IEnumerable<PermissionStereotype> GetDefaultStereotypes();
}

/// <summary>The roles every site has. Only recipes and permission providers name them.</summary>
public static class RoleNames
{
    public const string Staff = "Staff";
    public const string Manager = "Manager";
    public const string Facilitator = "Facilitator";
    /// <summary>Writes and edits courses and media, and asks an admin to publish them.</summary>
    public const string Author = "Author";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, Manager, Facilitator, Author, Admin];
}

/// <summary>The claim type under which a principal carries its permissions (from its roles' claims).</summary>
public static class PermissionClaims
{
    public const string Type = "lms:permission";
}
