using System.Net;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Platform;

public sealed class AdminRecipeScreenTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    [Fact]
    public async Task Admins_run_pasted_recipes_and_see_what_they_did()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, "/admin/recipes?handler=Json", new()
        {
            ["json"] = """{"name": "rename", "steps": [{"name": "settings", "siteName": "ＤＸ研修ポータル", "organizationName": "デモ市役所"}]}""",
        }, formPage: "/admin/recipes");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("レシピ「rename」の 1 個の手順を実行しました。", html);
        Assert.Contains("ＤＸ研修ポータル", await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/"));
    }

    [Fact]
    public async Task A_bad_recipe_on_the_screen_says_why_and_changes_nothing()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, "/admin/recipes?handler=Json", new()
        {
            ["json"] = """{"name": "bad", "steps": [{"name": "settings", "siteName": "変えない", "organizationName": "x"}, {"name": "teleport"}]}""",
        }, formPage: "/admin/recipes");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("レシピは実行されませんでした。何も変更されていません。", html);
        Assert.Contains("teleport", html);
        Assert.DoesNotContain("変えない", await admin.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task The_shipped_recipes_are_listed_and_staff_may_not_run_any()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await admin.GetStringAsync("/admin/recipes");
        Assert.Contains("setup.recipe.json", page);
        Assert.Contains("demo.recipe.json", page);

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/recipes")).StatusCode);
    }

    [Fact]
    public async Task Theme_styles_are_served_to_anonymous_visitors()
    {
        var client = Factory.CreateClient();

        foreach (var path in new[] { "/_content/Lms.Themes.Staff/css/staff.css", "/_content/Lms.Themes.Admin/css/admin.css" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsStringAsync()).Length > 500);
        }
    }
}
