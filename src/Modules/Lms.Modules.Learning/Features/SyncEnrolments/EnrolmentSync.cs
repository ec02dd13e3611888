using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.SyncEnrolments;

internal sealed record SyncOutcome(int Enrolled, int Updated, int Withdrawn);

/// <summary>
/// Makes enrolments match the assignments: everyone an assignment covers is enrolled (with the
/// earliest due date when several assign the same course); people who no longer match are withdrawn
/// unless they completed. Set-based over the people given (or everyone), and idempotent.
/// </summary>
internal sealed class EnrolmentSync(LearningDbContext db, IMediator mediator, TimeProvider clock)
{
    private const int BatchSize = 1000;

    public async Task<SyncOutcome> SyncAsync(IReadOnlyCollection<Guid>? staffIds, CancellationToken cancellationToken)
    {
        // Another sync (the daily job, another node) may insert the same enrolment first: start again from
        // what is there now. It converges: the second pass finds the rows the first one lost to.
        // What an attempt saved before it lost stays saved, so the people it changed are kept across attempts.
        var changed = new HashSet<Guid>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await SyncOnceAsync(staffIds, changed, cancellationToken);
                if (changed.Count > 0)
                {
                    await mediator.Publish(new EnrolmentsChanged([.. changed], clock.GetUtcNow()), CancellationToken.None);
                }

                return outcome;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Adds to <paramref name="changed"/> the people whose enrolments a successful SaveChanges created, withdrew or gave a new due date.</summary>
    private async Task<SyncOutcome> SyncOnceAsync(IReadOnlyCollection<Guid>? staffIds, HashSet<Guid> changed, CancellationToken cancellationToken)
    {
        var placements = (await mediator.Send(new GetStaffPlacements(staffIds), cancellationToken)).Where(p => p.IsActive).ToList();
        var published = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).Select(c => c.Id).ToHashSet();
        // A fixed order, so that of two assignments with the same due date the same one wins every time.
        var assignments = (await db.Assignments.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken))
            .Where(a => published.Contains(a.CourseId)).ToList();

        var desired = new Dictionary<(Guid Staff, Guid Course), Assignment>();
        foreach (var person in placements)
        {
            foreach (var assignment in assignments.Where(a => Covers(a, person)))
            {
                var key = (person.StaffId, assignment.CourseId);
                if (!desired.TryGetValue(key, out var current) || Earlier(assignment.DueDate, current.DueDate))
                {
                    desired[key] = assignment;
                }
            }
        }

        // People outside the scope (deactivated, or not asked about) keep their enrolments as they are.
        var scope = placements.Select(p => p.StaffId).ToHashSet();
        var existing = staffIds is null
            ? await db.Enrolments.ToListAsync(cancellationToken)
            : await db.Enrolments.Where(e => staffIds.Contains(e.StaffId)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        int enrolled = 0, updated = 0, withdrawn = 0;
        var saving = new List<Guid>();
        foreach (var enrolment in existing.Where(e => scope.Contains(e.StaffId)))
        {
            if (desired.Remove((enrolment.StaffId, enrolment.CourseId), out var assignment))
            {
                if (enrolment.WithdrawnAt is not null || (enrolment.CompletedAt is null && (enrolment.DueDate != assignment.DueDate || enrolment.AssignmentId != assignment.Id)))
                {
                    // Another assignment with the same due date changes nothing the person (or a subscriber) can see.
                    if (enrolment.WithdrawnAt is not null || enrolment.DueDate != assignment.DueDate)
                    {
                        saving.Add(enrolment.StaffId);
                    }

                    (enrolment.WithdrawnAt, enrolment.DueDate, enrolment.AssignmentId) = (null, assignment.DueDate, assignment.Id);
                    updated++;
                }
            }
            else if (enrolment.WithdrawnAt is null && enrolment.CompletedAt is null)
            {
                enrolment.WithdrawnAt = now;
                withdrawn++;
                saving.Add(enrolment.StaffId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        changed.UnionWith(saving);
        saving.Clear();
        foreach (var ((staff, course), assignment) in desired)
        {
            db.Enrolments.Add(new Enrolment
            {
                Id = Guid.CreateVersion7(),
                StaffId = staff,
                CourseId = course,
                AssignmentId = assignment.Id,
                DueDate = assignment.DueDate,
                EnrolledAt = now,
            });
            saving.Add(staff);
            if (++enrolled % BatchSize == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                changed.UnionWith(saving);
                saving.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        changed.UnionWith(saving);
        return new SyncOutcome(enrolled, updated, withdrawn);
    }

    private static bool Covers(Assignment assignment, StaffPlacement person) => assignment.Audience switch
    {
        AssignmentAudience.Everyone => true,
        AssignmentAudience.Tier => assignment.Tier == person.Tier,
        AssignmentAudience.OrgUnit when assignment.OrgUnitId is { } unit =>
            assignment.IncludeSubUnits ? person.UnitAncestry.Contains(unit) : person.OrgUnitId == unit,
        _ => false,
    };

    private static bool Earlier(DateOnly? candidate, DateOnly? current) =>
        candidate is { } c && (current is not { } d || c < d);
}
