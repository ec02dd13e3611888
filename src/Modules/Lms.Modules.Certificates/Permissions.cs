using Lms.Framework.Security;

namespace Lms.Modules.Certificates;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: one's own certificates.</summary>
    public static readonly Permission ViewOwnCertificates = new("ViewOwnCertificates", "See and download one's own certificates", "Certificates");

    /// <summary>Managers: the certificates of the people they look after (their units and every unit below).</summary>
    public static readonly Permission DownloadTeamCertificates = new("DownloadTeamCertificates", "Download the certificates of one's team, one by one or as a ZIP", "Certificates");

    /// <summary>Administrators: every certificate, revoke, reissue, bulk ZIP downloads and programmes.</summary>
    public static readonly Permission ManageCertificates = new("ManageCertificates", "See every certificate, revoke and reissue them, and download any set as a ZIP", "Certificates");

    public IEnumerable<Permission> GetPermissions() => [ViewOwnCertificates, DownloadTeamCertificates, ManageCertificates];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [ViewOwnCertificates]),
        new(RoleNames.Manager, [ViewOwnCertificates, DownloadTeamCertificates]),
        new(RoleNames.Facilitator, [ViewOwnCertificates]),
        new(RoleNames.Author, [ViewOwnCertificates]),
        new(RoleNames.Admin, [ViewOwnCertificates, DownloadTeamCertificates, ManageCertificates]),
    ];
}
