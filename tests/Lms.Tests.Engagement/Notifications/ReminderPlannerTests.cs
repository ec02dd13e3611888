using Lms.Contracts.Learning;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Reminders;

namespace Lms.Tests.Notifications;

/// <summary>The planner's decisions without a database: rule choice per course, and one inactivity nudge per person.</summary>
public sealed class ReminderPlannerTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly DateOnly Today = new(2027, 2, 10);
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid CourseA = Guid.NewGuid();
    private static readonly Guid CourseB = Guid.NewGuid();

    private static ReminderRule Rule(string key, string kind, int days, Guid? course = null, int? every = null, int? max = null) =>
        new() { Id = Guid.NewGuid(), Key = key, Kind = kind, Days = days, CourseId = course, RepeatEveryDays = every, MaxTimes = max };

    private static readonly Dictionary<Guid, CourseInfo> Courses = new() { [CourseA] = new(CourseA, "A", 1), [CourseB] = new(CourseB, "B", 1) };

    private static DateTimeOffset DaysAgo(int days) => new(Today.AddDays(-days).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9));

    private static List<PlannedReminder> Plan(IReadOnlyList<ReminderRule> rules, IReadOnlyList<ReminderCandidate> candidates, IReadOnlySet<Guid>? nudged = null) =>
        ReminderPlanner.Plan(rules, candidates, Courses, new HashSet<Guid> { Person }, [], Today, Tokyo, nudged);

    [Fact]
    public void Someone_idle_in_two_courses_gets_one_nudge_for_the_course_idle_longest()
    {
        var rules = new[] { Rule("inactive-14", NotificationKinds.Inactive, 14) };
        var plans = ReminderPlanner.OneNudgePerPerson(Plan(rules, [new(Person, CourseA, null, DaysAgo(40), DaysAgo(20)), new(Person, CourseB, null, DaysAgo(40), DaysAgo(30))]));

        var nudge = Assert.Single(plans);
        Assert.Equal((CourseB, 30), (nudge.CourseId!.Value, nudge.Data.Days!.Value));
    }

    [Fact]
    public void A_switched_off_rule_for_one_course_switches_its_kind_off_there_only()
    {
        var off = Rule("due-soon-a-off", NotificationKinds.DueSoon, 7, CourseA);
        off.Enabled = false;
        var rules = new[] { Rule("due-soon-7", NotificationKinds.DueSoon, 7), off };
        var plans = Plan(rules, [new(Person, CourseA, Today.AddDays(5), DaysAgo(5), null), new(Person, CourseB, Today.AddDays(5), DaysAgo(5), null)]);

        Assert.Equal(CourseB, Assert.Single(plans).CourseId);
    }

    [Fact]
    public void Someone_nudged_recently_is_not_nudged_again_for_another_course()
    {
        var rules = new[] { Rule("inactive-14", NotificationKinds.Inactive, 14) };

        Assert.Empty(Plan(rules, [new(Person, CourseA, null, DaysAgo(40), DaysAgo(20))], new HashSet<Guid> { Person }));
    }

    [Fact]
    public void A_rule_for_one_course_replaces_the_all_courses_rule_of_its_kind_for_that_course_only()
    {
        var rules = new[] { Rule("due-soon-7", NotificationKinds.DueSoon, 7), Rule("due-soon-a-14", NotificationKinds.DueSoon, 14, CourseA) };
        var plans = Plan(rules, [new(Person, CourseA, Today.AddDays(10), DaysAgo(5), null), new(Person, CourseB, Today.AddDays(10), DaysAgo(5), null)]);

        var only = Assert.Single(plans);
        Assert.Equal((CourseA, "due-soon-a-14"), (only.CourseId!.Value, only.Rule.Key));
    }

    [Fact]
    public void An_overdue_rule_without_repetition_reminds_once()
    {
        var rules = new[] { Rule("overdue-once", NotificationKinds.Overdue, 3) };

        Assert.Empty(Plan(rules, [new(Person, CourseA, Today.AddDays(-2), DaysAgo(30), null)]));
        Assert.Equal("overdue 2027-02-07 #1", Assert.Single(Plan(rules, [new(Person, CourseA, Today.AddDays(-3), DaysAgo(30), null)])).Occasion);
        Assert.DoesNotContain(Plan(rules, [new(Person, CourseA, Today.AddDays(-30), DaysAgo(60), null)]), p => p.Occasion.EndsWith("#2", StringComparison.Ordinal));
    }
}
