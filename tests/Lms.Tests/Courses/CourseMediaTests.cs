using System.Net;
using Lms.Tests.Infrastructure;
using Lms.Tests.Media;

namespace Lms.Tests.Courses;

/// <summary>An image put into a lesson from the media library is shown as used, and cannot be deleted from under learners.</summary>
public sealed class CourseMediaTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task An_image_in_a_lesson_is_listed_as_used_and_its_deletion_is_refused()
    {
        await Factory.SeedDemoAsync(100);
        var api = await MediaSamples.ApiAsync(Factory);
        var uploaded = await MediaSamples.JsonAsync(await MediaSamples.UploadAsync(api, MediaSamples.Png, "窓口の写真.png", "窓口の様子"));
        var url = uploaded.GetProperty("url").GetString()!;
        var mediaId = uploaded.GetProperty("id").GetString()!;

        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "写真入りのコース");
        var lesson = await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "写真のレッスン");
        await Authoring.SaveActivityAsync(admin, id, lesson, new() { ["Form.Title"] = "写真のレッスン", ["Form.Body"] = $"![窓口の様子]({url})", ["Form.Required"] = "true" });

        var draftOnly = await api.DeleteAsync($"/api/v1/admin/media/{mediaId}");
        Assert.Equal(HttpStatusCode.Conflict, draftOnly.StatusCode);
        Assert.Contains("写真入りのコース", await draftOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Authoring.PublishAsync(admin, id);
        var detail = await admin.GetStringAsync($"/admin/media/{mediaId}");
        Assert.Contains("コース「写真入りのコース」（第 1 版・受講者に表示中）", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/admin/media/{mediaId}")).StatusCode);

        // The lesson shows the image from the library, with its alternative text.
        var activity = (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Id;
        var page = await admin.GetStringAsync($"/learn/courses/{id}/preview/activities/{activity}");
        Assert.Contains($"<img src=\"{url}\" alt=\"窓口の様子\"", page, StringComparison.Ordinal);
    }
}
