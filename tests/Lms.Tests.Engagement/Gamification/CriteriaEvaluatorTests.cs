using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;

namespace Lms.Tests.Gamification;

/// <summary>Each kind of criterion and their combinations, on a small catalogue held in memory.</summary>
public sealed class CriteriaEvaluatorTests
{
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);

    private static readonly PublishedActivity CoreLesson = Activity("core-l1", ActivityKind.Lesson);
    private static readonly PublishedActivity GeneralW1 = Activity("gen-w1", ActivityKind.Workshop);
    private static readonly PublishedActivity GeneralW2 = Activity("gen-w2", ActivityKind.Workshop);
    private static readonly PublishedActivity ManagerW1 = Activity("mgr-w1", ActivityKind.Workshop);
    private static readonly PublishedCourse Core = Course("step0-core", [], CoreLesson);
    private static readonly PublishedCourse General = Course("step0-general", [StaffTier.General], GeneralW1, GeneralW2);
    private static readonly PublishedCourse Manager = Course("step0-manager", [StaffTier.Manager], ManagerW1);
    private static readonly PublishedCourse Other = Course("safety-2026", []);
    private static readonly CourseCatalog Catalog = new([Core, General, Manager, Other], "step0-");

    private static PublishedActivity Activity(string key, ActivityKind kind) => new(Guid.NewGuid(), key, kind, key, 10, true);

    private static PublishedCourse Course(string key, IReadOnlyList<StaffTier> tiers, params PublishedActivity[] activities) =>
        new(Guid.NewGuid(), key, 1, key, "", tiers, 60, null, false, [new PublishedSection(Guid.NewGuid(), "s", "s", null, activities)], T0);

    private static LearnerCompletion Done(PublishedCourse course, PublishedActivity activity, int day) =>
        new(Me, course.Id, activity.Id, activity.Kind, T0.AddDays(day));

    private static LearnerEnrolment Enrolled(PublishedCourse course, int? completedDay = null) =>
        new(Me, course.Id, null, completedDay is { } d ? T0.AddDays(d) : null);

    private static PersonFacts Facts(IEnumerable<LearnerCompletion> done, IEnumerable<LearnerEnrolment> enrolments, int points = 0) =>
        new(Me, done, enrolments, points);

    [Fact]
    public void A_workshop_criterion_is_met_by_that_workshop_only_and_its_completion_is_the_evidence()
    {
        var facts = Facts([Done(General, GeneralW1, 3)], [Enrolled(General)]);

        var met = CriteriaEvaluator.Evaluate(BadgeCriterion.ForWorkshop(GeneralW1.Id), facts, Catalog);

        Assert.Equal(new AwardEvidence("workshop", General.Id, GeneralW1.Id, null, T0.AddDays(3)), met);
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForWorkshop(GeneralW2.Id), facts, Catalog));
    }

    [Fact]
    public void A_course_criterion_needs_the_enrolment_completed()
    {
        var met = CriteriaEvaluator.Evaluate(BadgeCriterion.ForCourse(Core.Id), Facts([], [Enrolled(Core, 5)]), Catalog);

        Assert.Equal(new AwardEvidence("course", Core.Id, null, null, T0.AddDays(5)), met);
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForCourse(Core.Id), Facts([Done(Core, CoreLesson, 1)], [Enrolled(Core)]), Catalog));
    }

    [Fact]
    public void Every_workshop_of_a_tier_means_each_workshop_of_that_tiers_courses_and_the_last_one_is_the_evidence()
    {
        var one = Facts([Done(General, GeneralW2, 2)], [Enrolled(General)]);
        var both = Facts([Done(General, GeneralW2, 2), Done(General, GeneralW1, 7)], [Enrolled(General)]);

        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForTierWorkshops(StaffTier.General), one, Catalog));
        Assert.Equal(GeneralW1.Id, CriteriaEvaluator.Evaluate(BadgeCriterion.ForTierWorkshops(StaffTier.General), both, Catalog)!.ActivityId);
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForTierWorkshops(StaffTier.Manager), both, Catalog));
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForTierWorkshops(StaffTier.Executive), both, Catalog)); // a tier without workshops earns nothing
    }

    [Fact]
    public void The_programme_is_every_programme_course_one_is_enrolled_in_and_other_courses_do_not_count()
    {
        var partly = Facts([], [Enrolled(Core, 4), Enrolled(General), Enrolled(Other, 1)]);
        var whole = Facts([], [Enrolled(Core, 4), Enrolled(General, 9), Enrolled(Other)]);
        var none = Facts([], [Enrolled(Other, 1)]);

        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForProgramme(), partly, Catalog));
        Assert.Equal(new AwardEvidence("course", General.Id, null, null, T0.AddDays(9)), CriteriaEvaluator.Evaluate(BadgeCriterion.ForProgramme(), whole, Catalog));
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForProgramme(), none, Catalog));
    }

    [Fact]
    public void A_points_threshold_is_reached_at_the_threshold()
    {
        Assert.NotNull(CriteriaEvaluator.Evaluate(BadgeCriterion.ForPoints(300), Facts([], [], 300), Catalog));
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.ForPoints(300), Facts([], [], 299), Catalog));
    }

    [Fact]
    public void All_of_needs_every_part_and_takes_the_latest_as_evidence_any_of_needs_one_and_takes_the_earliest()
    {
        var facts = Facts([Done(General, GeneralW1, 3), Done(General, GeneralW2, 8)], [Enrolled(General)], 120);
        var w1 = BadgeCriterion.ForWorkshop(GeneralW1.Id);
        var w2 = BadgeCriterion.ForWorkshop(GeneralW2.Id);
        var mgr = BadgeCriterion.ForWorkshop(ManagerW1.Id);

        Assert.Equal(GeneralW2.Id, CriteriaEvaluator.Evaluate(BadgeCriterion.AllOf(w1, w2), facts, Catalog)!.ActivityId);
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.AllOf(w1, mgr), facts, Catalog));
        Assert.Equal(GeneralW1.Id, CriteriaEvaluator.Evaluate(BadgeCriterion.AnyOf(mgr, w2, w1), facts, Catalog)!.ActivityId);
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.AnyOf(mgr), facts, Catalog));
        // Nested: (w1 and 100 points) or the manager's workshop.
        Assert.NotNull(CriteriaEvaluator.Evaluate(BadgeCriterion.AnyOf(BadgeCriterion.AllOf(w1, BadgeCriterion.ForPoints(100)), mgr), facts, Catalog));
        Assert.Null(CriteriaEvaluator.Evaluate(BadgeCriterion.AnyOf(BadgeCriterion.AllOf(w1, BadgeCriterion.ForPoints(121)), mgr), facts, Catalog));
        Assert.Null(CriteriaEvaluator.Evaluate(new BadgeCriterion { Kind = "all", Of = [] }, facts, Catalog));
    }

    [Fact]
    public void Criteria_survive_a_round_trip_through_their_stored_json()
    {
        var criterion = BadgeCriterion.AnyOf(BadgeCriterion.AllOf(BadgeCriterion.ForWorkshop(GeneralW1.Id), BadgeCriterion.ForPoints(100)), BadgeCriterion.ForTierWorkshops(StaffTier.Manager), BadgeCriterion.ForProgramme());

        var json = criterion.ToJson();
        var back = BadgeCriterion.Parse(json)!;

        Assert.Contains("\"tier\":\"manager\"", json, StringComparison.Ordinal);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(4, back.Leaves().Count());
        Assert.Null(BadgeCriterion.Parse("{not json"));
    }
}
