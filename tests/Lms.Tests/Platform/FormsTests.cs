using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;

namespace Lms.Tests.Platform;

/// <summary>
/// Every form that posts carries its antiforgery token and says where it posts. Razor adds the token by
/// itself only when it builds the action; a form with a written-out action needs asp-antiforgery, and
/// tests that borrow a token from another form on the page would not notice its absence.
/// </summary>
public sealed class FormsTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Every_posting_form_of_the_admin_and_learner_pages_has_an_action_and_a_token()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var course = Lms.Framework.Data.StableGuid.From("course:t-general");
        var draft = await Courses.Authoring.DraftAsync(Factory, course);
        var pages = new List<(HttpClient Client, string Path)>
        {
            (admin, "/admin/courses"), (admin, $"/admin/courses/{course}"), (admin, $"/admin/courses/{course}/history"),
            (admin, "/admin/media"), (admin, "/admin/templates"), (admin, "/admin/templates/mail/due-soon/ja"), (admin, "/admin/templates/certificate/course/en"),
            (admin, "/admin/assignments"), (admin, "/admin/certificates"), (admin, "/team/certificates"), (staff, "/me/certificates"), (admin, "/admin/staff"), (admin, "/admin/org-units"), (admin, "/admin/recipes"), (admin, "/admin/roster-imports"),
            (admin, $"/learn/courses/{course}/preview"), (staff, "/"), (staff, $"/learn/courses/{course}"),
        };
        pages.AddRange(draft.Sections.SelectMany(s => s.Activities).Select(a => (admin, $"/admin/courses/{course}/activities/{a.Key}")));
        pages.AddRange(draft.Sections.SelectMany(s => s.Activities).Select(a => (admin, $"/learn/courses/{course}/preview/activities/{a.Id}")));
        pages.Add((staff, $"/learn/activities/{draft.Sections[0].Activities[0].Id}"));

        var (forms, problems) = await PostingForms.CheckAsync(pages);

        Assert.True(forms > 50, $"only {forms} forms checked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
