using System.Net;
using System.Text.RegularExpressions;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Courses;

/// <summary>Drives the course editor's pages as an admin's browser would (forms with antiforgery), and reads what they stored.</summary>
internal static partial class Authoring
{
    public static Task<T> Db<T>(LmsAppFactory factory, Func<CoursesDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<CoursesDbContext>()));

    public static Task<Course> CourseAsync(LmsAppFactory factory, Guid id) =>
        Db(factory, db => db.Courses.AsNoTracking().SingleAsync(c => c.Id == id));

    public static async Task<CourseContent> DraftAsync(LmsAppFactory factory, Guid id) => CourseContent.FromJson((await CourseAsync(factory, id)).DraftJson);

    /// <summary>Creates a course on the list page; returns its id (from the redirect to its editor).</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, string title, string tier = "general", string? key = null)
    {
        var fields = new Dictionary<string, string> { ["title"] = title, ["tiers"] = tier };
        if (key is not null)
        {
            fields["key"] = key;
        }

        var response = await SiteClient.PostFormAsync(client, "/admin/courses?handler=Create", fields, "/admin/courses");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>Posts one of the editor page's forms with the draft revision the page showed.</summary>
    public static async Task<HttpResponseMessage> EditAsync(HttpClient client, Guid id, string handler, Dictionary<string, string> fields, int? revision = null)
    {
        var page = await client.GetStringAsync($"/admin/courses/{id}");
        fields["revision"] = (revision ?? Revision(page)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page);
        return await client.PostAsync($"/admin/courses/{id}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>Adds an activity to the first section; returns its key (from the redirect to its editor).</summary>
    public static async Task<string> AddActivityAsync(HttpClient client, LmsAppFactory factory, Guid id, string kind, string title)
    {
        var section = (await DraftAsync(factory, id)).Sections[0].Key;
        var response = await EditAsync(client, id, "AddActivity", new() { ["section"] = section, ["kind"] = kind, ["title"] = title });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    /// <summary>Saves the activity editor's form (the fields are the form's, e.g. "Form.Body").</summary>
    public static async Task<HttpResponseMessage> SaveActivityAsync(HttpClient client, Guid id, string key, Dictionary<string, string> fields, string? pageHtml = null)
    {
        var page = pageHtml ?? await client.GetStringAsync($"/admin/courses/{id}/activities/{key}");
        fields.TryAdd("Revision", Revision(page, "Revision").ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page);
        return await client.PostAsync($"/admin/courses/{id}/activities/{key}?handler=Save", new FormUrlEncodedContent(fields));
    }

    public static int Revision(string html, string name = "revision") =>
        int.Parse(Regex.Match(html, $"name=\"{name}\" value=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task PublishAsync(HttpClient client, Guid id)
    {
        var response = await EditAsync(client, id, "Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A recipe that assigns a course (by key) to a tier, so learners of that tier are enrolled.</summary>
    public static string Assign(string courseKey, string tier = "general") =>
        $$"""{"name": "assign", "steps": [{"name": "course-assignments", "assignments": [{"course": "{{courseKey}}", "audience": "tier", "tier": "{{tier}}", "dueInDays": 30}]}]}""";
}
