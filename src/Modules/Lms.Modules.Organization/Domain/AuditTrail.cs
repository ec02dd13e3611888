using System.Security.Claims;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Http;

namespace Lms.Modules.Organization.Domain;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe, so an entry exists
/// exactly when its change was committed.
/// </summary>
internal sealed class AuditTrail(OrganizationDbContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    /// <summary>Who is acting: the signed-in person, or what runs without one (a job, the command line).</summary>
    public string CurrentActor(string fallback = "system") =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? user.FindFirstValue(Identity.LmsClaimsPrincipalFactory.DisplayNameClaim) is { } name ? $"{user.Identity!.Name} ({name})" : user.Identity!.Name ?? fallback
            : fallback;

    internal void Record(string action, string entityType, object? entityId, string summary, string? actor = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor ?? CurrentActor(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Summary = summary.Length > 2000 ? summary[..2000] : summary,
        });
}
