using Lms.Contracts.Certificates;
using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;

namespace Lms.Modules.Reporting.Domain;

/// <summary>What the owning modules hold about a set of people, gathered through their contracts.</summary>
internal sealed record PeopleFacts(
    IReadOnlyList<StaffPlacement> Placements,
    IReadOnlyList<StaffName> Names,
    LearningRecords Learning,
    IReadOnlyDictionary<Guid, PublishedCourse> Courses,
    IReadOnlyList<BadgeAwardRecord> Badges,
    IReadOnlyList<CertificateRecord> Certificates,
    IReadOnlyList<SurveyResponse> Surveys);

/// <summary>The read-model rows of a set of people.</summary>
/// <param name="Readiness">From <paramref name="Answers"/>: see <see cref="Projector.Readiness"/>.</param>
internal sealed record PeopleRows(List<ReportPerson> People, List<ReportEnrolment> Enrolments, List<ReportSurveyAnswer> Answers, List<ReportReadiness> Readiness);

/// <summary>
/// Facts in, rows out, nothing else: the live refresh (after events) and the rebuild job both use it, so a rebuild
/// gives exactly what the events gave.
/// </summary>
internal static class Projector
{
    public static PeopleRows Project(PeopleFacts facts, DateTimeOffset now)
    {
        var names = facts.Names.ToDictionary(n => n.StaffId);
        var completions = facts.Learning.Completions.ToLookup(c => c.StaffId);
        var enrolments = facts.Learning.Enrolments.ToLookup(e => e.StaffId);
        var badges = facts.Badges.GroupBy(b => b.StaffId).ToDictionary(g => g.Key, g => g.Count());
        var certificates = facts.Certificates.Where(c => c.CourseId is not null)
            .GroupBy(c => (c.StaffId, CourseId: c.CourseId!.Value))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.IssuedAt).First().CertificateId);
        var surveys = facts.Surveys.ToLookup(s => s.StaffId);
        var required = facts.Courses.Values.ToDictionary(c => c.Id, c => c.Activities.Where(a => a.Required).Select(a => a.Id).ToHashSet());

        // Reports are about the staff on the roster now: someone who left has no rows (as after a rebuild, which reads active staff).
        var rows = new PeopleRows([], [], [], []);
        foreach (var placement in facts.Placements.Where(p => p.IsActive))
        {
            var id = placement.StaffId;
            var name = names.GetValueOrDefault(id);
            var done = completions[id].ToList();
            var byCourse = done.ToLookup(c => c.CourseId);
            var mine = new List<ReportEnrolment>();
            foreach (var enrolment in enrolments[id].Where(e => facts.Courses.ContainsKey(e.CourseId)))
            {
                var courseDone = byCourse[enrolment.CourseId].ToList();
                var requiredIds = required[enrolment.CourseId];
                mine.Add(new ReportEnrolment
                {
                    StaffId = id,
                    CourseId = enrolment.CourseId,
                    OrgUnitId = placement.OrgUnitId,
                    Tier = placement.Tier,
                    IsActive = placement.IsActive,
                    DueDate = enrolment.DueDate,
                    CompletedAt = Milliseconds(enrolment.CompletedAt),
                    RequiredCount = requiredIds.Count,
                    RequiredDone = courseDone.Count(c => requiredIds.Contains(c.ActivityId)),
                    Started = courseDone.Count > 0,
                    LastActivityAt = Milliseconds(courseDone.Count == 0 ? null : courseDone.Max(c => c.CompletedAt)),
                    CertificateId = certificates.TryGetValue((id, enrolment.CourseId), out var certificate) ? certificate : null,
                });
            }

            rows.Enrolments.AddRange(mine);
            rows.People.Add(new ReportPerson
            {
                StaffId = id,
                EmployeeNumber = name?.EmployeeNumber ?? "",
                Name = name?.Name ?? "",
                NameKana = name?.NameKana ?? "",
                OrgUnitId = placement.OrgUnitId,
                Tier = placement.Tier,
                IsActive = placement.IsActive,
                CoursesAssigned = mine.Count,
                CoursesCompleted = mine.Count(e => e.CompletedAt is not null),
                EarliestOpenDue = mine.Where(e => e.CompletedAt is null && e.DueDate is not null).Min(e => e.DueDate),
                Percent = mine.Count == 0 ? 0 : (int)mine.Average(e => ProgressStatuses.Percent(e.RequiredDone, e.RequiredCount, e.CompletedAt is not null)),
                LastActivityAt = Milliseconds(done.Count == 0 ? null : done.Max(c => c.CompletedAt)),
                WorkshopsAttended = done.Count(c => c.Kind == ActivityKind.Workshop),
                Badges = badges.GetValueOrDefault(id),
                UpdatedAt = Milliseconds(now)!.Value,
            });

            foreach (var response in surveys[id])
            {
                if (string.IsNullOrEmpty(response.Instrument) || string.IsNullOrEmpty(response.Phase))
                {
                    continue;
                }

                foreach (var (item, value) in response.Answers)
                {
                    rows.Answers.Add(new ReportSurveyAnswer
                    {
                        StaffId = id,
                        ActivityId = response.ActivityId,
                        ItemKey = item,
                        CourseId = response.CourseId,
                        Instrument = response.Instrument,
                        Phase = response.Phase,
                        Value = value,
                        OrgUnitId = placement.OrgUnitId,
                        Tier = placement.Tier,
                        SubmittedAt = Milliseconds(response.SubmittedAt)!.Value,
                    });
                }
            }
        }

        rows.Readiness.AddRange(Readiness(rows.Answers));
        return rows;
    }

    /// <summary>
    /// Per person and instrument, when they answered both "pre" and "post": sums and counts per item and over all
    /// items. Everyone else has no row, so the readiness index reads only people who can show a change.
    /// </summary>
    public static List<ReportReadiness> Readiness(IEnumerable<ReportSurveyAnswer> answers)
    {
        var rows = new List<ReportReadiness>();
        foreach (var person in answers.Where(a => a.Phase is "pre" or "post").GroupBy(a => (a.StaffId, a.Instrument)))
        {
            if (!person.Any(a => a.Phase == "pre") || !person.Any(a => a.Phase == "post"))
            {
                continue;
            }

            var first = person.First();
            ReportReadiness Row(string item, IEnumerable<ReportSurveyAnswer> of)
            {
                var list = of.ToList();
                return new ReportReadiness
                {
                    StaffId = first.StaffId,
                    Instrument = first.Instrument,
                    ItemKey = item,
                    OrgUnitId = first.OrgUnitId,
                    Tier = first.Tier,
                    PreSum = list.Where(a => a.Phase == "pre").Sum(a => a.Value),
                    PreCount = list.Count(a => a.Phase == "pre"),
                    PostSum = list.Where(a => a.Phase == "post").Sum(a => a.Value),
                    PostCount = list.Count(a => a.Phase == "post"),
                };
            }

            rows.Add(Row(ReportReadiness.AllItems, person));
            rows.AddRange(person.GroupBy(a => a.ItemKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(g.Key, g)));
        }

        return rows;
    }

    /// <summary>Whole milliseconds in UTC: what both databases store exactly, so a rebuild compares equal to the live rows.</summary>
    public static DateTimeOffset? Milliseconds(DateTimeOffset? at) =>
        at is { } t ? new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) : null;
}
