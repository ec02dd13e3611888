using Lms.Framework.Security;

namespace Lms.Modules.Reporting;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Managers: the progress of the people in the units they manage and every unit below.</summary>
    public static readonly Permission ViewTeamProgress = new("ViewTeamProgress", "See the progress of one's team and export it", "Reporting");

    /// <summary>Managers: send someone of their team a reminder now (at most one a day per person).</summary>
    public static readonly Permission NudgeTeam = new("NudgeTeam", "Send someone of one's team a reminder now", "Reporting");

    /// <summary>Administrators and the DX steering committee: every unit's progress, organisation-wide reports and the readiness index.</summary>
    public static readonly Permission ViewOrganisationReports = new("ViewOrganisationReports", "See organisation-wide completion reports and the Step-0 readiness index", "Reporting");

    public IEnumerable<Permission> GetPermissions() => [ViewTeamProgress, NudgeTeam, ViewOrganisationReports];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Manager, [ViewTeamProgress, NudgeTeam]),
        new(RoleNames.Admin, [ViewTeamProgress, NudgeTeam, ViewOrganisationReports]),
    ];
}
