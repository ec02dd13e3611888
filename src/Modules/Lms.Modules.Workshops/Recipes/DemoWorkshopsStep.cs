using System.Text.Json;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Recipes;

/// <summary>
/// <c>{"name": "demo-workshops", "seed": 20260401}</c> (after demo-learning): the sessions behind the demo history's
/// workshop completions — attendance, teams, a few artefacts and the facilitator's sign-offs, no events (Learning
/// already holds the completions) — and, for every workshop, sessions over the coming weeks with free seats, run by
/// demo-facilitator. Runs once: a site with any session is left alone.
/// </summary>
internal sealed class DemoWorkshopsStep(WorkshopsDbContext db, IMediator mediator, WorkshopCatalog catalog, SiteTime time, TimeProvider clock) : IRecipeStep
{
    private const int MaxPerSession = 24;
    private static readonly string[] Rooms = ["本庁舎 5階 大会議室", "本庁舎 3階 第2会議室", "分庁舎 2階 研修室", "市民交流センター 多目的室"];
    private const string OnlineUrl = "https://online.example.jp/step0-workshop";

    public string Name => "demo-workshops";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (step.TryGetProperty("seed", out var seed) && !seed.TryGetInt32(out _))
        {
            yield return "\"seed\" must be a whole number.";
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await db.Sessions.AnyAsync(cancellationToken))
        {
            context.Log.Add("demo workshops: already there");
            return;
        }

        var random = new Random(step.TryGetProperty("seed", out var s) ? s.GetInt32() : 20260401);
        await time.ZoneAsync(cancellationToken);
        var facilitator = await mediator.Send(new FindStaffByUserName("demo-facilitator"), cancellationToken)
            ?? await mediator.Send(new FindStaffByUserName("demo-admin"), cancellationToken);
        var workshops = await catalog.AllAsync(cancellationToken);
        var completions = (await mediator.Send(new GetWorkshopCompletions(), cancellationToken)).Where(c => workshops.ContainsKey(c.ActivityId)).ToList();
        var profiles = (await mediator.Send(new GetStaffPlacements(), cancellationToken)).ToDictionary(p => p.StaffId);
        var demoAccounts = new HashSet<Guid>();
        foreach (var name in new[] { "demo-staff", "demo-manager", "demo-admin", "demo-author", "demo-facilitator" })
        {
            if (await mediator.Send(new FindStaffByUserName(name), cancellationToken) is { } id)
            {
                demoAccounts.Add(id);
            }
        }

        var attendeeProfiles = (await mediator.Send(new GetStaffProfiles(completions.Select(c => c.StaffId).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.StaffId);
        var past = 0;
        var signedOff = 0;
        var history = new DemoHistory(db, random, facilitator, NextCode);
        foreach (var group in completions.GroupBy(c => c.ActivityId))
        {
            foreach (var batch in Batches(group.OrderBy(c => c.CompletedAt).ToList()))
            {
                var absentees = profiles.Values
                    .Where(p => p.IsActive && workshops[group.Key].CourseTiers.Contains(p.Tier) && !demoAccounts.Contains(p.StaffId)
                        && completions.All(c => c.StaffId != p.StaffId || c.ActivityId != group.Key))
                    .OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(p => p.StaffId).ToList();
                history.PastSession(workshops[group.Key], batch, absentees, Room(past), StartOf(batch[0].CompletedAt, workshops[group.Key]), attendeeProfiles);
                past++;
                signedOff += batch.Count;
            }
        }

        var upcoming = await UpcomingAsync(workshops.Values.ToList(), profiles, completions, demoAccounts, facilitator, random, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        context.Log.Add($"demo workshops: {past} past sessions with {signedOff} sign-offs, {upcoming} coming sessions");
    }

    /// <summary>People signed off within a week of each other, at most a room's worth, attended one session.</summary>
    private static IEnumerable<List<WorkshopCompletion>> Batches(List<WorkshopCompletion> completions)
    {
        var batch = new List<WorkshopCompletion>();
        foreach (var completion in completions)
        {
            if (batch.Count > 0 && (batch.Count >= MaxPerSession || completion.CompletedAt - batch[0].CompletedAt > TimeSpan.FromDays(7)))
            {
                yield return batch;
                batch = [];
            }

            batch.Add(completion);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// The session ended before the first sign-off of its batch: the latest weekday at 13:30 that leaves its length
    /// and half an hour before that sign-off (city halls hold workshops in working hours).
    /// </summary>
    private DateTimeOffset StartOf(DateTimeOffset firstSignOff, WorkshopInfo workshop)
    {
        var day = DateOnly.FromDateTime(time.Local(firstSignOff).DateTime);
        while (true)
        {
            var starts = time.FromLocal(day, new TimeOnly(13, 30));
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && starts.AddMinutes(DemoHistory.Minutes(workshop) + 30) <= firstSignOff)
            {
                return starts.ToUniversalTime();
            }

            day = day.AddDays(-1);
        }
    }

    private static string Room(int index) => Rooms[index % Rooms.Length];

    private async Task<int> UpcomingAsync(List<WorkshopInfo> workshops, Dictionary<Guid, StaffPlacement> people, List<WorkshopCompletion> completions,
        HashSet<Guid> demoAccounts, Guid? facilitator, Random random, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(time.Local(now).DateTime);
        var done = completions.Select(c => (c.StaffId, c.ActivityId)).ToHashSet();
        var busy = new HashSet<Guid>();
        var count = 0;
        foreach (var (workshop, w) in workshops.OrderBy(w => w.CourseTitle, StringComparer.Ordinal).ThenBy(w => w.Title, StringComparer.Ordinal).Select((w, i) => (w, i)))
        {
            var capacity = workshop.CourseTiers.Contains(StaffTier.Executive) ? 12 : 24;
            for (var n = 0; n < 3; n++)
            {
                var day = today.AddDays(3 + (7 * n) + (w % 5));
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    day = day.AddDays(1);
                }

                var starts = time.FromLocal(day, n % 2 == 0 ? new TimeOnly(13, 30) : new TimeOnly(9, 30));
                var online = n == 2;
                var session = NewSession(workshop, starts, starts.AddMinutes(DemoHistory.Minutes(workshop)),
                    online ? null : Room(w + n), online ? OnlineUrl : null, capacity, time.FromLocal(day.AddDays(-2), new TimeOnly(17, 0)), facilitator, now, NextCode());
                db.Sessions.Add(session);
                count++;

                // About a third to two thirds of the seats taken by people still to do the workshop (never a demo account,
                // so demo-staff finds free seats and registers for the second workshop themselves).
                var takers = people.Values
                    .Where(p => p.IsActive && workshop.CourseTiers.Contains(p.Tier) && !demoAccounts.Contains(p.StaffId)
                        && !done.Contains((p.StaffId, workshop.ActivityId)) && !busy.Contains(p.StaffId))
                    .OrderBy(_ => random.Next()).Take(random.Next(capacity / 3, (capacity * 2 / 3) + 1)).ToList();
                foreach (var person in takers)
                {
                    busy.Add(person.StaffId);
                    db.Registrations.Add(new Registration
                    {
                        Id = Guid.CreateVersion7(), SessionId = session.Id, StaffId = person.StaffId, Status = RegistrationStatus.Registered,
                        RequestedAt = now.AddDays(-random.Next(1, 10)), SeatedAt = now.AddDays(-1),
                    });
                }
            }
        }

        return count;
    }

    private readonly HashSet<string> usedCodes = [];

    /// <summary>Random, as real codes are; unique within this run (the table was empty before it).</summary>
    internal string NextCode()
    {
        string code;
        do
        {
            code = SessionEditor.RandomCode();
        }
        while (!usedCodes.Add(code));
        return code;
    }

    internal static WorkshopSession NewSession(WorkshopInfo workshop, DateTimeOffset starts, DateTimeOffset ends, string? place, string? onlineUrl,
        int capacity, DateTimeOffset deadline, Guid? facilitator, DateTimeOffset now, string code)
    {
        var session = new WorkshopSession
        {
            Id = Guid.CreateVersion7(),
            ActivityId = workshop.ActivityId,
            CourseId = workshop.CourseId,
            StartsAt = starts,
            EndsAt = ends,
            Place = place,
            OnlineUrl = onlineUrl,
            Capacity = capacity,
            RegistrationDeadline = deadline < starts ? deadline : starts,
            Tiers = SessionTiers.Format(workshop.CourseTiers),
            CheckInCode = code,
            CreatedAt = now,
            CreatedBy = facilitator,
            UpdatedAt = now,
        };
        if (facilitator is { } f)
        {
            session.Facilitators.Add(new SessionFacilitator { SessionId = session.Id, StaffId = f });
        }

        return session;
    }
}
