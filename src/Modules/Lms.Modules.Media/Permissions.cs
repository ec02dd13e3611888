using Lms.Framework.Security;

namespace Lms.Modules.Media;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Viewing a file needs only a signed-in user: learners see the images of their lessons.</summary>
    public static readonly Permission ManageMedia = new("ManageMedia", "Upload and delete media files", "Media");

    public IEnumerable<Permission> GetPermissions() => [ManageMedia];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Author, [ManageMedia]),
        new(RoleNames.Admin, [ManageMedia]),
    ];
}
