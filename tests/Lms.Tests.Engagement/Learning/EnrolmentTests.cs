using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lms.Modules.Learning.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Learning;

/// <summary>Assignments enrol the people they cover, including people who join or change tier later.</summary>
public sealed class EnrolmentTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Header = "職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,在籍";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    /// <param name="employeeNumber">An employee number, or the user name of a demo account.</param>
    private async Task<IReadOnlyList<string>> CoursesOfAsync(string employeeNumber) =>
        await Factory.WithScopeAsync(async sp =>
        {
            var organization = sp.GetRequiredService<Lms.Modules.Organization.Data.OrganizationDbContext>();
            var staffId = await organization.Staff.Where(s => s.EmployeeNumber == employeeNumber).Select(s => (Guid?)s.Id).SingleOrDefaultAsync()
                ?? await organization.Users.Where(u => u.UserName == employeeNumber).Select(u => u.StaffId).SingleAsync();
            var courses = (await sp.GetRequiredService<MediatR.IMediator>().Send(new Lms.Contracts.Courses.GetPublishedCourses())).ToDictionary(c => c.Id, c => c.Key);
            var enrolled = await sp.GetRequiredService<LearningDbContext>().Enrolments
                .Where(e => e.StaffId == staffId && e.WithdrawnAt == null).Select(e => e.CourseId).ToListAsync();
            return (IReadOnlyList<string>)enrolled.Select(c => courses[c]!).Order().ToList();
        });

    /// <summary>A partial roster import through the HR API, then the enrolment work the host would do within seconds.</summary>
    private async Task ImportAsync(params string[] rows)
    {
        var admin = Factory.CreateClient().Bearer(await SiteClient.TokenAsync(Factory.CreateClient(), "demo-admin"));
        var result = await RosterUploads.ImportAsync(admin, Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Header)) + "\r\n"));
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        await Factory.FlushDeferredWorkAsync();
    }

    [Fact]
    public async Task The_Step0_recipe_enrols_everyone_in_the_core_and_each_person_in_the_course_of_their_tier()
    {
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");

        Assert.Equal(["step0-core", "step0-general"], await CoursesOfAsync("demo-staff")); // demo-staff
        Assert.Equal(["step0-core", "step0-manager"], await CoursesOfAsync("demo-manager")); // demo-manager
    }

    [Fact]
    public async Task Someone_who_joins_later_is_enrolled_and_a_change_of_tier_changes_the_tier_course()
    {
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");

        await ImportAsync("Y200001,新井,新,アライ,シン,shin.arai@test-city.example.jp,検証部/新設課,一般職,1");
        Assert.Equal(["step0-core", "step0-general"], await CoursesOfAsync("Y200001"));

        await ImportAsync("Y200001,新井,新,アライ,シン,shin.arai@test-city.example.jp,検証部/新設課,管理職,1");
        Assert.Equal(["step0-core", "step0-manager"], await CoursesOfAsync("Y200001"));
    }

    [Fact]
    public async Task A_course_assigned_to_a_unit_reaches_its_sub_units_and_nobody_else()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(audience: """{"course": "t-general", "audience": "orgUnit", "orgUnit": "企画部/デジタル推進課", "dueDate": "2027-03-31"}"""));

        Assert.Contains("t-general", await CoursesOfAsync("demo-staff")); // demo-staff, in a team of デジタル推進課
        Assert.Contains("t-general", await CoursesOfAsync("demo-manager")); // demo-manager, its 課長
        await ImportAsync("Y200002,外部,太郎,ガイブ,タロウ,taro.gaibu@test-city.example.jp,検証部/他課,一般職,1");
        Assert.DoesNotContain("t-general", await CoursesOfAsync("Y200002"));

        var dueDates = await Factory.WithScopeAsync(async sp => await sp.GetRequiredService<LearningDbContext>().Enrolments.Select(e => e.DueDate).Distinct().ToListAsync());
        Assert.Equal([new DateOnly(2027, 3, 31)], dueDates);
    }

    [Fact]
    public async Task The_admin_assigns_a_course_on_the_assignments_page_and_staff_are_enrolled()
    {
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var courses = await Factory.WithScopeAsync(sp => sp.GetRequiredService<MediatR.IMediator>().Send(new Lms.Contracts.Courses.GetPublishedCourses()));
        var executive = courses.Single(c => c.Key == "step0-executive");

        var response = await SiteClient.PostFormAsync(admin, "/admin/assignments", new()
        {
            ["CourseId"] = executive.Id.ToString(), ["Audience"] = "tier", ["Tier"] = "general", ["DueDate"] = "2027-01-15",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Factory.FlushDeferredWorkAsync();

        Assert.Contains("step0-executive", await CoursesOfAsync("demo-staff"));
        var page = await admin.GetStringAsync("/admin/assignments");
        Assert.Contains("2027/01/15", page, StringComparison.Ordinal);

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/assignments")).StatusCode);
    }

    [Fact]
    public async Task The_Step0_curriculum_has_what_each_tier_needs()
    {
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        var courses = await Factory.WithScopeAsync(sp => sp.GetRequiredService<MediatR.IMediator>().Send(new Lms.Contracts.Courses.GetPublishedCourses()));

        Assert.Equal(["step0-core", "step0-executive", "step0-general", "step0-manager"], courses.Select(c => c.Key).Order());
        var surveys = new List<string>();
        foreach (var course in courses.Where(c => c.Key != "step0-core"))
        {
            var kinds = course.Activities.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(kinds[Lms.Contracts.Courses.ActivityKind.Lesson] >= 4, course.Key);
            Assert.True(kinds[Lms.Contracts.Courses.ActivityKind.Quiz] >= 2, course.Key);
            Assert.True(kinds[Lms.Contracts.Courses.ActivityKind.Workshop] >= 2, course.Key);
            Assert.True(kinds[Lms.Contracts.Courses.ActivityKind.Reflection] >= 1, course.Key);
            Assert.Equal(["post", "pre"], course.Activities.Where(a => a.Survey is not null).Select(a => a.Survey!.Phase!).Order());
            Assert.All(course.Activities.Where(a => a.Quiz is not null).SelectMany(a => a.Quiz!.Questions).SelectMany(q => q.Options), o => Assert.False(string.IsNullOrWhiteSpace(o.Feedback)));
            surveys.AddRange(course.Activities.Where(a => a.Survey is not null).Select(a => JsonSerializer.Serialize(a.Survey!.Items.Select(i => (i.Key, i.Text)))));
        }

        Assert.Single(surveys.Distinct()); // the same mindset items before and after, in every tier: comparable
    }
}
