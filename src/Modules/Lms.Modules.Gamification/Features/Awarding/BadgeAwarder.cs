using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Gamification.Features.Awarding;

/// <summary>
/// Gives badges to the people who meet their criteria. At most one award per person and badge: the unique
/// index decides, not a check (a check only saves a round trip). <see cref="BadgeAwarded"/> is published
/// after each award is saved.
/// </summary>
internal sealed class BadgeAwarder(GamificationDbContext db, IMediator mediator, GameSettingsStore settings, TimeProvider clock, ILogger<BadgeAwarder> logger)
{
    /// <summary>The published courses as criteria see them.</summary>
    public async Task<CourseCatalog> CatalogAsync(CancellationToken cancellationToken = default) =>
        new(await mediator.Send(new GetPublishedCourses(), cancellationToken), (await settings.GetAsync(cancellationToken)).ProgrammeKeyPrefix);

    /// <summary>
    /// Awards every live badge the people now meet (callers pass active people: the event's subject, or the
    /// job's list of active staff). <paramref name="trigger"/> is what just happened (a
    /// workshop sign-off with its session): it becomes the evidence when it is what the badge asks for.
    /// Returns the new awards.
    /// </summary>
    public async Task<IReadOnlyList<BadgeAward>> AwardQualifiedAsync(IReadOnlyCollection<Guid> staffIds, AwardEvidence? trigger = null, IReadOnlyCollection<Guid>? badgeIds = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        var badges = await db.Badges.AsNoTracking().Where(b => !b.IsArchived).ToListAsync(cancellationToken);
        if (badgeIds is not null)
        {
            badges = badges.Where(b => badgeIds.Contains(b.Id)).ToList();
        }

        var criteria = badges.Select(b => (Badge: b, Criterion: BadgeCriterion.Parse(b.CriteriaJson))).Where(x => x.Criterion is not null).ToList();
        if (criteria.Count == 0 || staffIds.Count == 0)
        {
            return [];
        }

        var catalog = await CatalogAsync(cancellationToken);
        var records = await mediator.Send(new GetLearningRecords(staffIds), cancellationToken);
        var held = new HashSet<(Guid, Guid)>();
        var totals = new Dictionary<Guid, int>();
        foreach (var chunk in staffIds.Chunk(500))
        {
            foreach (var a in await db.Awards.AsNoTracking().Where(a => chunk.Contains(a.StaffId)).Select(a => new { a.BadgeId, a.StaffId }).ToListAsync(cancellationToken))
            {
                held.Add((a.BadgeId, a.StaffId));
            }

            foreach (var t in await db.Points.AsNoTracking().Where(p => chunk.Contains(p.StaffId)).GroupBy(p => p.StaffId)
                         .Select(g => new { StaffId = g.Key, Total = g.Sum(p => p.Points) }).ToListAsync(cancellationToken))
            {
                totals[t.StaffId] = t.Total;
            }
        }

        var completions = records.Completions.ToLookup(c => c.StaffId);
        var enrolments = records.Enrolments.ToLookup(e => e.StaffId);
        var now = clock.GetUtcNow();
        var fresh = new List<BadgeAward>();
        foreach (var staffId in staffIds.Distinct())
        {
            var done = completions[staffId].ToList();
            // A sign-off may reach us before Learning has recorded the completion it causes: it counts already.
            if (trigger is { SessionId: not null, ActivityId: { } signedOff, At: { } signedOffAt } && done.All(c => c.ActivityId != signedOff)
                && catalog.Activity(signedOff) is { } workshop)
            {
                done.Add(new LearnerCompletion(staffId, workshop.Course.Id, signedOff, ActivityKind.Workshop, signedOffAt));
            }

            var facts = new PersonFacts(staffId, done, enrolments[staffId], totals.GetValueOrDefault(staffId));
            foreach (var (badge, criterion) in criteria)
            {
                if (held.Contains((badge.Id, staffId)) || CriteriaEvaluator.Evaluate(criterion!, facts, catalog) is not { } evidence)
                {
                    continue;
                }

                // The event that just happened is better evidence than a reconstruction: it knows the session.
                if (trigger is not null && trigger.ActivityId is { } triggered && triggered == evidence.ActivityId)
                {
                    evidence = evidence with { SessionId = trigger.SessionId ?? evidence.SessionId };
                }

                fresh.Add(new BadgeAward
                {
                    Id = Guid.NewGuid(),
                    BadgeId = badge.Id,
                    StaffId = staffId,
                    AwardedAt = now,
                    Evidence = evidence.Kind,
                    CourseId = evidence.CourseId,
                    ActivityId = evidence.ActivityId,
                    SessionId = evidence.SessionId,
                    EvidenceAt = evidence.At?.ToUniversalTime(),
                    Reason = reason,
                });
            }
        }

        var saved = await SaveAllAsync(fresh, cancellationToken);
        var names = badges.ToDictionary(b => b.Id, b => b.NameJa);
        foreach (var award in saved)
        {
            await mediator.Publish(new BadgeAwarded(award.Id, award.StaffId, award.BadgeId, names[award.BadgeId], award.Evidence, award.CourseId, award.ActivityId, award.SessionId, award.AwardedAt), cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// A workshop sign-off that arrives after the award was made from the bare completion adds its session
    /// to the evidence (the order of the two events is not ours to choose).
    /// </summary>
    public async Task AddSessionEvidenceAsync(Guid staffId, Guid activityId, Guid sessionId, CancellationToken cancellationToken = default) =>
        await db.Awards.Where(a => a.StaffId == staffId && a.ActivityId == activityId && a.SessionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SessionId, sessionId), cancellationToken);

    /// <summary>Saves in one batch; if another writer got there first, falls back to one by one and skips the duplicates.</summary>
    internal async Task<IReadOnlyList<BadgeAward>> SaveAllAsync(IReadOnlyList<BadgeAward> awards, CancellationToken cancellationToken)
    {
        if (awards.Count == 0)
        {
            return [];
        }

        db.Awards.AddRange(awards);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return awards;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }

        var saved = new List<BadgeAward>();
        foreach (var award in awards)
        {
            db.Awards.Add(award);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                saved.Add(award);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                logger.LogDebug("Badge {Badge} was already awarded to {Staff}", award.BadgeId, award.StaffId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return saved;
    }
}
