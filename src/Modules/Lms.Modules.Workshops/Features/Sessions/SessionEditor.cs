using System.Security.Cryptography;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using MediatR;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Registration;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Sessions;

/// <summary>What a facilitator fills in for a session; times are instants (the page converts from the site's time zone).</summary>
internal sealed record SessionInput(
    Guid ActivityId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? OnlineUrl,
    int Capacity,
    DateTimeOffset RegistrationDeadline,
    IReadOnlyList<StaffTier> Tiers,
    IReadOnlyList<Guid> FacilitatorIds,
    string? Notes);

/// <summary>Problems with a session's input, by field name (empty: fine), in the user's language.</summary>
internal sealed record SessionProblems(IReadOnlyDictionary<string, string> ByField)
{
    public bool Any => ByField.Count > 0;
}

/// <summary>Creates, changes and cancels sessions, checking everything before writing.</summary>
public sealed class SessionEditor(WorkshopsDbContext db, WorkshopCatalog catalog, SeatBook seats, IMediator mediator, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T)
{
    public const int MaxCapacity = 500;
    /// <summary>No I, O, 0, 1, 2, 5, 8, B, S, Z: nothing to misread on a projector. 26^6 ≈ 3×10^8 codes.</summary>
    private const string CodeAlphabet = "ACDEFGHJKLMNPQRTUVWXY34679";
    public const int CodeLength = 6;

    internal async Task<SessionProblems> CheckAsync(SessionInput input, Guid? sessionId, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        if (await catalog.FindAsync(input.ActivityId, cancellationToken) is null)
        {
            problems["ActivityId"] = T["Choose the workshop of a published course."];
        }

        if (input.EndsAt <= input.StartsAt)
        {
            problems["EndTime"] = T["The end must be after the start."];
        }
        else if (input.EndsAt - input.StartsAt > TimeSpan.FromHours(12))
        {
            problems["EndTime"] = T["A session lasts at most 12 hours."];
        }

        if (string.IsNullOrWhiteSpace(input.Place) && string.IsNullOrWhiteSpace(input.OnlineUrl))
        {
            problems["Place"] = T["Give a place, an online link, or both."];
        }
        else if ((input.Place?.Trim().Length ?? 0) > 200)
        {
            problems["Place"] = T["The place is at most 200 characters."];
        }

        if (!string.IsNullOrWhiteSpace(input.OnlineUrl)
            && (!Uri.TryCreate(input.OnlineUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || input.OnlineUrl.Trim().Length > 500))
        {
            problems["OnlineUrl"] = T["The online link must be a web address starting with https://."];
        }

        if (input.Capacity is < 1 or > MaxCapacity)
        {
            problems["Capacity"] = T["The capacity must be between 1 and {0}.", MaxCapacity];
        }
        else if (sessionId is { } id)
        {
            var seated = await db.Registrations.CountAsync(r => r.SessionId == id && r.Status == RegistrationStatus.Registered, cancellationToken);
            if (input.Capacity < seated)
            {
                problems["Capacity"] = T["{0} people already have a seat, so the capacity cannot be lower than {0}.", seated];
            }
        }

        if (input.RegistrationDeadline > input.StartsAt)
        {
            problems["DeadlineDate"] = T["The registration deadline must be before the start."];
        }

        if (input.FacilitatorIds.Count == 0)
        {
            problems["FacilitatorIds"] = T["Choose at least one facilitator."];
        }

        if ((input.Notes?.Length ?? 0) > 2000)
        {
            problems["Notes"] = T["The notes are at most 2,000 characters."];
        }

        return new(problems);
    }

    internal async Task<(Guid? Id, SessionProblems Problems)> CreateAsync(SessionInput input, Guid? by, CancellationToken cancellationToken)
    {
        var problems = await CheckAsync(input, null, cancellationToken);
        if (problems.Any)
        {
            return (null, problems);
        }

        var info = (await catalog.FindAsync(input.ActivityId, cancellationToken))!;
        var now = clock.GetUtcNow();
        var session = new WorkshopSession
        {
            Id = Guid.CreateVersion7(),
            ActivityId = input.ActivityId,
            CourseId = info.CourseId,
            CheckInCode = await NewCodeAsync(cancellationToken),
            CreatedAt = now,
            CreatedBy = by,
        };
        Apply(session, input, now);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return (session.Id, problems);
    }

    /// <returns>Null when there is no such session.</returns>
    internal async Task<SessionProblems?> UpdateAsync(Guid sessionId, SessionInput input, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Facilitators).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        // The workshop of a session with registrations stays what people registered for.
        input = input with { ActivityId = session.ActivityId };
        var problems = await CheckAsync(input, sessionId, cancellationToken);
        if (problems.Any)
        {
            return problems;
        }

        var now = clock.GetUtcNow();
        IReadOnlyList<Data.Registration> promoted;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await seats.LockAsync(sessionId, cancellationToken);
            Apply(session, input, now);
            await db.SaveChangesAsync(cancellationToken);
            // More seats (or a later start) may seat people waiting.
            promoted = await seats.PromoteAsync(session, now, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await seats.AnnounceAsync(session, promoted, now);
        return problems;
    }

    /// <summary>Cancels the session (once), records who did it, then tells everyone who held a place.</summary>
    internal async Task<bool> CancelAsync(Guid sessionId, Guid? by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.CancelledAt is not null)
        {
            return false;
        }

        IReadOnlyList<Guid> holders;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await db.Sessions.Where(s => s.Id == sessionId && s.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.CancelledAt, now).SetProperty(x => x.UpdatedAt, now), cancellationToken) != 1)
            {
                return false; // someone else cancelled it a moment ago
            }

            holders = await db.Registrations.AsNoTracking()
                .Where(r => r.SessionId == sessionId && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
                .Select(r => r.StaffId).ToListAsync(cancellationToken);
            db.Audit.Add(new WorkshopAuditEntry
            {
                Id = Guid.CreateVersion7(), At = now, ActorStaffId = by, Action = Attendance.AuditActions.SessionCancelled, SessionId = sessionId,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await mediator.Publish(new WorkshopSessionCancelled(sessionId, session.ActivityId, session.StartsAt, holders, by, now), CancellationToken.None);
        return true;
    }

    private static void Apply(WorkshopSession session, SessionInput input, DateTimeOffset now)
    {
        session.StartsAt = input.StartsAt.ToUniversalTime();
        session.EndsAt = input.EndsAt.ToUniversalTime();
        session.Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        session.OnlineUrl = string.IsNullOrWhiteSpace(input.OnlineUrl) ? null : input.OnlineUrl.Trim();
        session.Capacity = input.Capacity;
        session.RegistrationDeadline = input.RegistrationDeadline.ToUniversalTime();
        session.Tiers = SessionTiers.Format(input.Tiers);
        session.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        session.UpdatedAt = now;
        var wanted = input.FacilitatorIds.Distinct().ToHashSet();
        session.Facilitators.RemoveAll(f => !wanted.Contains(f.StaffId));
        foreach (var id in wanted.Where(id => session.Facilitators.All(f => f.StaffId != id)))
        {
            session.Facilitators.Add(new SessionFacilitator { SessionId = session.Id, StaffId = id });
        }
    }

    /// <summary>A random check-in code (not yet checked for uniqueness).</summary>
    internal static string RandomCode() => new(RandomNumberGenerator.GetItems(CodeAlphabet.AsSpan(), CodeLength));

    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = RandomCode();
            if (!await db.Sessions.AnyAsync(s => s.CheckInCode == code, cancellationToken))
            {
                return code;
            }
        }
    }
}
