using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lms.Contracts.Gamification;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Bulk;

internal enum BulkAction
{
    Award,
    Revoke,
}

/// <summary>A person named by a line of the file.</summary>
internal sealed record BulkPerson(int Line, Guid StaffId, string EmployeeNumber, string Name, string Unit);

/// <summary>A line that will be skipped, and why (in the reader's language).</summary>
internal sealed record BulkBadLine(int Line, string Value, string Problem);

/// <summary>
/// What applying a file would do: who changes, who is already in that state, which lines are skipped.
/// <see cref="Fingerprint"/> names exactly this set of changes, so a confirmation can tell whether what it
/// is about to apply is still what the administrator saw.
/// </summary>
internal sealed record BulkPlan(BulkAction Action, string Reason, IReadOnlyList<BulkPerson> Changes, IReadOnlyList<BulkPerson> Unchanged, IReadOnlyList<BulkBadLine> BadLines, string EncodingName, string Fingerprint);

/// <summary>The plan (null when the input itself is wrong) and the problems, by form field (<c>File</c>, <c>Operation</c>, <c>Reason</c>, or "" for the page).</summary>
internal sealed record BulkCheck(BulkPlan? Plan, IReadOnlyDictionary<string, string> Problems);

/// <summary>How a confirmation ended: applied (with the number of people changed), or the problems, or a new plan to look at.</summary>
internal sealed record BulkResult(int Changed, BulkCheck? Check, bool PlanChanged);

/// <summary>
/// Awards or revokes one badge for the people a CSV file lists. Nothing is written by <see cref="CheckAsync"/>;
/// <see cref="ApplyAsync"/> reads the file again from scratch (the confirmation page holds the file, which the
/// browser could alter, so nothing from the preview is trusted), and writes every change in one transaction.
/// Applying a file twice changes nothing the second time: a person already in the asked state is left alone.
/// </summary>
internal sealed partial class BulkAwards(GamificationDbContext db, IMediator mediator, TimeProvider clock, IStringLocalizer<GamificationStrings> T)
{
    public const int MaxReasonLength = 500;

    public static bool TryParseAction(string? value, out BulkAction action)
    {
        switch (value)
        {
            case "award": action = BulkAction.Award; return true;
            case "revoke": action = BulkAction.Revoke; return true;
            default: action = BulkAction.Award; return false;
        }
    }

    public static string ActionValue(BulkAction action) => action == BulkAction.Revoke ? "revoke" : "award";

    public async Task<BulkCheck> CheckAsync(Guid badgeId, byte[]? file, string? action, string? reason, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        var badge = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == badgeId, cancellationToken);
        if (badge is null)
        {
            problems[""] = T["This badge no longer exists."];
            return new BulkCheck(null, problems);
        }

        if (!TryParseAction(action, out var bulkAction))
        {
            problems["Operation"] = T["Choose whether to award or to revoke the badge."];
        }
        else if (bulkAction == BulkAction.Award && badge.IsArchived)
        {
            problems["Operation"] = T["This badge is archived and cannot be awarded. Unarchive it first."];
        }

        var why = (reason ?? "").Trim();
        if (why.Length == 0)
        {
            problems["Reason"] = T["Give the reason (it is kept with each award or revocation)."];
        }
        else if (why.Length > MaxReasonLength)
        {
            problems["Reason"] = T["The reason is at most 500 characters (now {0}).", why.Length];
        }

        BulkFile? read = null;
        if (file is not { Length: > 0 })
        {
            problems["File"] = T["Choose the CSV file."];
        }
        else
        {
            read = BulkCsv.Read(file, T);
            if (read.Problem is { } fileProblem)
            {
                problems["File"] = fileProblem;
            }
        }

        if (problems.Count > 0)
        {
            return new BulkCheck(null, problems);
        }

        return new BulkCheck(await PlanAsync(badgeId, read!, bulkAction, why, cancellationToken), problems);
    }

    /// <summary>Checks the file again and, if it still means what the administrator confirmed, applies it in one transaction.</summary>
    public async Task<BulkResult> ApplyAsync(Guid badgeId, byte[]? file, string? action, string? reason, string? fingerprint, string by, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(badgeId, file, action, reason, cancellationToken);
        if (check.Plan is not { } plan)
        {
            return new BulkResult(0, check, PlanChanged: false);
        }

        if (!string.Equals(plan.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            // Someone (or the nightly job) changed these awards since the preview, or the posted file is not the one previewed.
            return new BulkResult(0, check, PlanChanged: true);
        }

        if (plan.Changes.Count == 0)
        {
            return new BulkResult(0, null, PlanChanged: false);
        }

        var badge = await db.Badges.AsNoTracking().FirstAsync(b => b.Id == badgeId, cancellationToken);
        var now = clock.GetUtcNow();
        var awarded = new List<BadgeAward>();
        var revoked = new List<BadgeAward>();
        var conflict = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var ids = plan.Changes.Select(c => c.StaffId).ToList();
            var existing = new Dictionary<Guid, BadgeAward>();
            foreach (var chunk in ids.Chunk(500))
            {
                foreach (var award in await db.Awards.Where(a => a.BadgeId == badgeId && chunk.Contains(a.StaffId)).ToListAsync(cancellationToken))
                {
                    existing[award.StaffId] = award;
                }
            }

            foreach (var person in plan.Changes)
            {
                var award = existing.GetValueOrDefault(person.StaffId);
                if (plan.Action == BulkAction.Award)
                {
                    if (award is { RevokedAt: null })
                    {
                        continue;
                    }

                    if (award is null)
                    {
                        award = db.Awards.Add(new BadgeAward { Id = Guid.NewGuid(), BadgeId = badgeId, StaffId = person.StaffId, Evidence = EvidenceKinds.Manual }).Entity;
                    }

                    // A revoked award given again is the same award (one per person and badge), now for the new reason.
                    var again = award.RevokedAt is not null;
                    award.Evidence = EvidenceKinds.Manual;
                    award.CourseId = null;
                    award.ActivityId = null;
                    award.SessionId = null;
                    award.EvidenceAt = null;
                    award.AwardedAt = now;
                    award.Reason = plan.Reason;
                    award.AwardedBy = by;
                    award.RevokedAt = null;
                    award.RevokedReason = null;
                    award.RevokedBy = null;
                    db.Audit.Add(Audit(again ? "bulk-award-again" : "bulk-award", award, plan.Reason, by, now));
                    awarded.Add(award);
                }
                else if (award is { RevokedAt: null })
                {
                    award.RevokedAt = now;
                    award.RevokedReason = plan.Reason;
                    award.RevokedBy = by;
                    db.Audit.Add(Audit("bulk-revoke", award, plan.Reason, by, now));
                    revoked.Add(award);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The badge reached one of these people by another way a moment ago; the transaction is rolled back whole.
                db.ChangeTracker.Clear();
                conflict = true;
            }
        }

        if (conflict)
        {
            return new BulkResult(0, await CheckAsync(badgeId, file, action, reason, cancellationToken), PlanChanged: true);
        }

        // Subscribers hear of the changes only once they are committed.
        foreach (var award in awarded)
        {
            await mediator.Publish(new BadgeAwarded(award.Id, award.StaffId, badgeId, badge.NameJa, award.Evidence, null, null, null, award.AwardedAt), cancellationToken);
        }

        foreach (var award in revoked)
        {
            await mediator.Publish(new BadgeRevoked(award.Id, award.StaffId, badgeId, award.RevokedReason!, award.RevokedAt!.Value), cancellationToken);
        }

        return new BulkResult(awarded.Count + revoked.Count, null, PlanChanged: false);
    }

    private async Task<BulkPlan> PlanAsync(Guid badgeId, BulkFile file, BulkAction action, string reason, CancellationToken cancellationToken)
    {
        var numbers = file.Lines.Select(l => l.EmployeeNumber).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var people = numbers.Count == 0
            ? new Dictionary<string, StaffContact>()
            : (await mediator.Send(new FindStaffByEmployeeNumbers(numbers), cancellationToken)).ToDictionary(p => p.EmployeeNumber, StringComparer.Ordinal);
        var units = people.Count == 0
            ? new Dictionary<Guid, string>()
            : (await mediator.Send(new GetStaffCards(people.Values.Select(p => p.StaffId).ToList()), cancellationToken)).ToDictionary(c => c.StaffId, c => c.UnitPath);

        var held = new Dictionary<Guid, bool>(); // staff → the award is active (false: revoked)
        foreach (var chunk in people.Values.Select(p => p.StaffId).Chunk(500))
        {
            foreach (var a in await db.Awards.AsNoTracking().Where(a => a.BadgeId == badgeId && chunk.Contains(a.StaffId))
                         .Select(a => new { a.StaffId, a.RevokedAt }).ToListAsync(cancellationToken))
            {
                held[a.StaffId] = a.RevokedAt == null;
            }
        }

        var changes = new List<BulkPerson>();
        var unchanged = new List<BulkPerson>();
        var bad = new List<BulkBadLine>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in file.Lines)
        {
            var number = line.EmployeeNumber;
            if (number.Length == 0)
            {
                bad.Add(new BulkBadLine(line.Line, "", T["The line is empty."]));
                continue;
            }

            if (firstLine.TryGetValue(number, out var first))
            {
                bad.Add(new BulkBadLine(line.Line, number, T["The same employee number is already on line {0}.", first]));
                continue;
            }

            firstLine[number] = line.Line;
            if (!people.TryGetValue(number, out var person))
            {
                bad.Add(new BulkBadLine(line.Line, number, EmployeeNumberPattern().IsMatch(number)
                    ? T["No member of staff has this employee number."]
                    : T["This is not an employee number (half-width letters, digits and hyphens, at most 32). If it is a heading, write 職員番号 or employee_number."]));
                continue;
            }

            if (!person.IsActive)
            {
                bad.Add(new BulkBadLine(line.Line, number, T["{0} is no longer active (retired or left).", person.Name]));
                continue;
            }

            var row = new BulkPerson(line.Line, person.StaffId, number, person.Name, units.GetValueOrDefault(person.StaffId, ""));
            var active = held.TryGetValue(person.StaffId, out var isActive) && isActive;
            (action == BulkAction.Award ? (active ? unchanged : changes) : (active ? changes : unchanged)).Add(row);
        }

        return new BulkPlan(action, reason, changes, unchanged, bad, file.EncodingName, Fingerprint(badgeId, action, reason, changes));
    }

    private static string Fingerprint(Guid badgeId, BulkAction action, string reason, IEnumerable<BulkPerson> changes)
    {
        var text = new StringBuilder().Append(badgeId).Append('|').Append(ActionValue(action)).Append('|').Append(reason);
        foreach (var id in changes.Select(c => c.StaffId).Order())
        {
            text.Append('|').Append(id);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static GameAuditEntry Audit(string action, BadgeAward award, string reason, string by, DateTimeOffset at) => new()
    {
        Action = action,
        BadgeId = award.BadgeId,
        AwardId = award.Id,
        StaffId = award.StaffId,
        Detail = reason,
        By = by,
        At = at,
    };

    [GeneratedRegex("^[0-9A-Za-z-]{1,32}$")]
    private static partial Regex EmployeeNumberPattern();
}
