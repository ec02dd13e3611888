using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Badges;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>
/// The admin pages of the game as an administrator uses them: a small demo city with the Step-0 courses and
/// their default badges, forms posted the way a browser posts them (multipart when they carry a file).
/// </summary>
internal static class AdminFixture
{
    /// <summary>A demo city of <paramref name="staff"/> people, then the Step-0 curriculum (courses, assignments, default badges).</summary>
    public static async Task SetUpAsync(LmsAppFactory factory, int staff = 100)
    {
        await factory.SeedDemoAsync(staff);
        await factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        await factory.FlushDeferredWorkAsync();
    }

    public static Task<HttpClient> AdminAsync(LmsAppFactory factory) => SiteClient.SignInAsync(factory, "demo-admin");

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>GETs the form's page for its antiforgery token, then posts the fields (and files) as multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields,
        IEnumerable<(string Name, string FileName, string ContentType, byte[] Bytes)>? files = null, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path.Split('?')[0]);
        using var form = new MultipartFormDataContent { { new StringContent(SiteClient.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, contentType, bytes) in files ?? [])
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(content, name, fileName);
        }

        return await client.PostAsync(path, form);
    }

    /// <summary>The fields of a badge form with a generated image; criteria are added by the caller.</summary>
    public static List<KeyValuePair<string, string>> BadgeFields(string nameJa, params (string Name, string Value)[] criteria)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("NameJa", nameJa), new("NameEn", "Test badge"), new("DescriptionJa", "テスト用のバッジです。"), new("DescriptionEn", ""),
            new("ImageMode", "generated"), new("Palette", "teal"), new("Icon", "compass"), new("Label", "試験"),
        };
        fields.AddRange(criteria.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        // A browser posts every row of the combination table, used or not (a list binds up to its first gap).
        for (var i = 0; i < 6; i++)
        {
            if (fields.All(f => f.Key != $"Parts[{i}].Kind"))
            {
                fields.Add(new($"Parts[{i}].Kind", ""));
            }
        }

        return fields;
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static Guid BadgeIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/badges/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/admin/badges/".Length..].Split('?', '#')[0]);
    }

    public static Task<IReadOnlyList<PublishedCourse>> CoursesAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses()));

    public static Task<T> DbAsync<T>(LmsAppFactory factory, Func<GamificationDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<GamificationDbContext>()));

    public static Task<Badge> BadgeAsync(LmsAppFactory factory, Guid id) =>
        DbAsync(factory, db => db.Badges.AsNoTracking().SingleAsync(b => b.Id == id));

    public static Task<List<BadgeAward>> AwardsAsync(LmsAppFactory factory, Guid badgeId) =>
        DbAsync(factory, db => db.Awards.AsNoTracking().Where(a => a.BadgeId == badgeId).ToListAsync());

    /// <summary>A badge nobody earns by themselves (a points threshold out of reach), for awarding by hand.</summary>
    public static Task<Guid> ManualBadgeAsync(LmsAppFactory factory, string name = "フォーラム登壇") => factory.WithScopeAsync(async sp =>
    {
        var (badge, problems) = await sp.GetRequiredService<BadgeDefinitions>().SaveAsync(null,
            new BadgeDraft(null, name, "Forum speaker", "", "", BadgeCriterion.ForPoints(1_000_000), "gold", "megaphone", "登壇", 100), "tests");
        return badge?.Id ?? throw new InvalidOperationException(string.Join("; ", problems));
    });

    /// <summary>Active people of the demo city with their employee numbers, in a stable order.</summary>
    public static Task<IReadOnlyList<StaffContact>> ActiveStaffAsync(LmsAppFactory factory) => factory.WithScopeAsync<IReadOnlyList<StaffContact>>(async sp =>
    {
        var mediator = sp.GetRequiredService<IMediator>();
        var ids = (await mediator.Send(new GetStaffPlacements())).Where(p => p.IsActive).Select(p => p.StaffId).ToList();
        return (await mediator.Send(new GetStaffContacts(ids))).Where(c => c.IsActive).OrderBy(c => c.EmployeeNumber, StringComparer.Ordinal).ToList();
    });

    /// <summary>Marks a person as no longer active, as a roster import would.</summary>
    public static Task DeactivateAsync(LmsAppFactory factory, Guid staffId) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Lms.Modules.Organization.Data.OrganizationDbContext>();
        await db.Staff.Where(s => s.Id == staffId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false));
        return true;
    });
}
