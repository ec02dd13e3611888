using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.Learn;
using MediatR;
using Microsoft.EntityFrameworkCore;
using CompleteActivityCommand = Lms.Modules.Learning.Features.CompleteActivity.CompleteActivity;
using SubmitQuizAttemptCommand = Lms.Modules.Learning.Features.SubmitQuizAttempt.SubmitQuizAttempt;

namespace Lms.Modules.Learning.Recipes;

/// <summary>
/// <c>{"name": "demo-learning", "seed": 20260401}</c>: plays a believable learning history for the demo city
/// through the same commands and events as real use (lessons marked complete, quizzes answered, reflections
/// and surveys submitted, workshops signed off by a facilitator), dated in the weeks before the day the site was set up.
/// About a third of the staff finished, a third are under way, a third have not started. demo-staff has
/// finished the common core and is part-way through the general-staff course (its first lessons, and the first workshop,
/// whose session the demo-workshops step then records); of demo-manager's team, two
/// have finished and one has not started. Runs once: a site with any completion is left alone.
/// </summary>
internal sealed class DemoLearningStep(LearningDbContext db, IMediator mediator, TimeProvider clock) : IRecipeStep
{
    private enum Plan { Finished, UnderWay, NotStarted, DemoStaff }

    public string Name => "demo-learning";

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
        if (await db.Completions.AnyAsync(cancellationToken))
        {
            context.Log.Add("demo learning history: already played");
            return;
        }

        var random = new Random(step.TryGetProperty("seed", out var s) ? s.GetInt32() : 20260401);
        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).ToDictionary(c => c.Id);
        var enrolments = (await db.Enrolments.AsNoTracking().Where(e => e.WithdrawnAt == null).ToListAsync(cancellationToken))
            .Where(e => courses.ContainsKey(e.CourseId)).GroupBy(e => e.StaffId).OrderBy(g => g.Key).ToList();
        var plans = await PlanAsync(enrolments.Select(g => g.Key).ToList(), random, cancellationToken);
        var now = clock.GetUtcNow();
        var played = 0;
        foreach (var person in enrolments)
        {
            // The core first, then the tier course, as the home page suggests.
            var ordered = person.Select(e => courses[e.CourseId]).OrderBy(c => c.Tiers.Count).ToList();
            var plan = plans[person.Key];
            var start = now.AddDays(-random.Next(30, 60)).AddHours(random.Next(0, 8));
            var activities = new List<(PublishedCourse Course, PublishedActivity Activity)>();
            foreach (var course in ordered)
            {
                var all = course.Activities.ToList();
                var count = plan switch
                {
                    Plan.Finished => all.Count,
                    Plan.DemoStaff => course.Tiers.Count == 0 ? all.Count : Math.Min(4, all.Count - 1),
                    Plan.UnderWay when course.Tiers.Count == 0 => random.Next(2, all.Count + 1),
                    Plan.UnderWay => activities.Count == ordered[0].Activities.Count() ? random.Next(1, all.Count - 1) : 0,
                    _ => 0,
                };
                activities.AddRange(all.Take(count).Select(a => (course, a)));
                if (plan == Plan.DemoStaff && course.Tiers.Count > 0 && all.Skip(count).FirstOrDefault(a => a.Kind == ActivityKind.Workshop) is { } workshop)
                {
                    // demo-staff went to a session of the tier course's first workshop early (its date was set); the second is still to do.
                    activities.Add((course, workshop));
                }
            }

            var gap = activities.Count == 0 ? TimeSpan.Zero : (now.AddDays(-1) - start) / activities.Count;
            var at = start;
            foreach (var (course, activity) in activities)
            {
                at += gap * (0.5 + random.NextDouble());
                await PlayAsync(person.Key, course, activity, at < now ? at : now.AddHours(-1), random, cancellationToken);
                played++;
            }
        }

        context.Log.Add($"demo learning history: {played} activities played for {enrolments.Count} staff " +
            $"({plans.Values.Count(p => p == Plan.Finished)} finished, {plans.Values.Count(p => p is Plan.UnderWay or Plan.DemoStaff)} under way)");
    }

    private async Task<Dictionary<Guid, Plan>> PlanAsync(List<Guid> staff, Random random, CancellationToken cancellationToken)
    {
        var plans = staff.ToDictionary(id => id, _ => (Plan)random.Next(3));
        var demoStaff = await mediator.Send(new FindStaffByUserName("demo-staff"), cancellationToken);
        var demoManager = await mediator.Send(new FindStaffByUserName("demo-manager"), cancellationToken);
        if (demoManager is { } manager)
        {
            var team = (await mediator.Send(new GetTeamMembers(manager), cancellationToken)).Where(id => id != demoStaff && plans.ContainsKey(id)).ToList();
            foreach (var (id, plan) in team.Take(3).Zip([Plan.Finished, Plan.Finished, Plan.NotStarted]))
            {
                plans[id] = plan;
            }
        }

        if (demoStaff is { } me && plans.ContainsKey(me))
        {
            plans[me] = Plan.DemoStaff;
        }

        return plans;
    }

    private async Task PlayAsync(Guid staffId, PublishedCourse course, PublishedActivity activity, DateTimeOffset at, Random random, CancellationToken ct)
    {
        switch (activity.Kind)
        {
            case ActivityKind.Quiz:
                var quiz = activity.Quiz!;
                if (random.Next(4) == 0)
                {
                    // Some people need a second go, as in real life.
                    await mediator.Send(new SubmitQuizAttemptCommand(staffId, activity.Id, Answers(quiz, right: false), at.AddMinutes(-20)), ct);
                }

                Check(await mediator.Send(new SubmitQuizAttemptCommand(staffId, activity.Id, Answers(quiz, right: true), at), ct), activity);
                break;
            case ActivityKind.Reflection:
                Check(await mediator.Send(new CompleteActivityCommand(staffId, activity.Id, Text: DemoReflections.Pick(course, activity.Reflection!.MinLength, random), At: at), ct), activity);
                break;
            case ActivityKind.Survey:
                var survey = activity.Survey!;
                var after = survey.Phase == "post";
                var answers = survey.Items.ToDictionary(i => i.Key, _ => Math.Clamp((after ? 3 : 2) + random.Next(0, 3) - (after ? 0 : random.Next(0, 2)), 1, survey.Scale));
                Check(await mediator.Send(new CompleteActivityCommand(staffId, activity.Id, Answers: answers, At: at), ct), activity);
                break;
            case ActivityKind.Workshop:
                await mediator.Send(new Features.SignOffWorkshop.SignOffWorkshop(activity.Id, [staffId], at), ct);
                break;
            default:
                Check(await mediator.Send(new CompleteActivityCommand(staffId, activity.Id, At: at), ct), activity);
                break;
        }
    }

    /// <summary>The demo goes through the real rules; if one refuses it, the demo is wrong and must say so.</summary>
    private static void Check(LearningResult result, PublishedActivity activity)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo history could not complete '{activity.Key}': {result.Message}");
        }
    }

    private static Dictionary<Guid, IReadOnlyList<Guid>> Answers(QuizContent quiz, bool right) =>
        quiz.Questions.ToDictionary(q => q.Id, q => (IReadOnlyList<Guid>)(right
            ? q.Options.Where(o => o.Correct).Select(o => o.Id).ToList()
            : [q.Options.First(o => !o.Correct).Id]));
}
