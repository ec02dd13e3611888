using System.Text;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <param name="Status">waitlisted or cancelled when the person already had a row at this session; null otherwise.</param>
internal sealed record WalkInCandidate(Guid StaffId, string Name, string EmployeeNumber, string UnitPath, string? Status, bool Completed);

/// <summary>
/// Finds people to add as walk-ins by employee number or name: active staff enrolled in the workshop's
/// course who have no seat at the session yet.
/// </summary>
public sealed class WalkInFinder(WorkshopsDbContext db, IMediator mediator)
{
    public const int MaxResults = 15;
    /// <summary>Enrolment is asked person by person (the Learning contract has no bulk form), so only this many matches are checked.</summary>
    private const int MaxChecked = 40;

    internal async Task<IReadOnlyList<WalkInCandidate>> FindAsync(WorkshopSession session, string? query, CancellationToken cancellationToken)
    {
        var q = Normalize(query);
        if (q.Length == 0)
        {
            return [];
        }

        var active = (await mediator.Send(new GetStaffPlacements(), cancellationToken)).Select(p => p.StaffId).ToList();
        var cards = await mediator.Send(new GetStaffCards(active), cancellationToken);
        var byNumber = q.All(char.IsAsciiDigit);
        var matches = cards.Where(c => c.IsActive && (byNumber ? c.EmployeeNumber.StartsWith(q, StringComparison.Ordinal) : Normalize(c.Name).Contains(q, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => byNumber ? c.EmployeeNumber : c.Name, StringComparer.Ordinal).ToList();
        var ids = matches.Select(c => c.StaffId).ToList();
        var rows = await db.Registrations.AsNoTracking().Where(r => r.SessionId == session.Id && ids.Contains(r.StaffId))
            .ToDictionaryAsync(r => r.StaffId, r => r.Status, cancellationToken);

        var found = new List<WalkInCandidate>();
        foreach (var card in matches.Where(c => !rows.TryGetValue(c.StaffId, out var st) || st != RegistrationStatus.Registered).Take(MaxChecked))
        {
            var workshop = (await mediator.Send(new GetWorkshopEnrolments(card.StaffId), cancellationToken)).FirstOrDefault(w => w.ActivityId == session.ActivityId);
            if (workshop is null)
            {
                continue;
            }

            var status = rows.TryGetValue(card.StaffId, out var s) ? (s == RegistrationStatus.Waitlisted ? "waitlisted" : "cancelled") : null;
            found.Add(new(card.StaffId, card.Name, card.EmployeeNumber, card.UnitPath, status, workshop.Completed));
            if (found.Count == MaxResults)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Full-width digits and letters (typed with a Japanese IME) as ASCII, spaces (including 　) removed.</summary>
    internal static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        return string.Concat(normalized.Where(c => !char.IsWhiteSpace(c)));
    }
}
