using Lms.Framework.Security;

namespace Lms.Modules.Workshops;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: see the sessions of the workshops one is enrolled in, register, check in, work on one's team's artefacts.</summary>
    public static readonly Permission AttendWorkshops = new("AttendWorkshops", "Register for workshop sessions of one's courses, check in and work on one's team's artefacts", "Workshops");

    /// <summary>Facilitators: schedule sessions and run any of them (attendance, teams, sign-off and its reversal).</summary>
    public static readonly Permission RunWorkshops = new("RunWorkshops", "Schedule workshop sessions and run them: attendance, teams, sign-off", "Workshops");

    public IEnumerable<Permission> GetPermissions() => [AttendWorkshops, RunWorkshops];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [AttendWorkshops]),
        new(RoleNames.Manager, [AttendWorkshops]),
        new(RoleNames.Facilitator, [AttendWorkshops, RunWorkshops]),
        new(RoleNames.Author, [AttendWorkshops]),
        new(RoleNames.Admin, [AttendWorkshops, RunWorkshops]),
    ];
}
