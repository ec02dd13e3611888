using System.Net;
using Lms.Modules.Gamification.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lms.Tests.Gamification.AdminFixture;

namespace Lms.Tests.Gamification;

/// <summary>Who may use the game's admin pages, the admin menu entries, and that every form posts with its token.</summary>
public sealed class AdminAccessTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Guid badgeId;
    private Guid challengeId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
        badgeId = await ManualBadgeAsync(Factory);
        var person = (await ActiveStaffAsync(Factory))[0];
        challengeId = await DbAsync(Factory, async db =>
        {
            // A holder (for the revoke form) and a challenge (for its edit page).
            db.Awards.Add(new BadgeAward { Id = Guid.NewGuid(), BadgeId = badgeId, StaffId = person.StaffId, AwardedAt = DateTimeOffset.UtcNow, Evidence = "manual", Reason = "テスト", AwardedBy = "tests" });
            var challenge = new Challenge { Id = Guid.NewGuid(), TitleJa = "全庁チャレンジ", TargetPercent = 80, StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2026, 6, 30), CreatedAt = DateTimeOffset.UtcNow };
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync();
            return challenge.Id;
        });
    }

    private string[] Pages =>
    [
        "/admin/badges", "/admin/badges/new", $"/admin/badges/{badgeId}", $"/admin/badges/{badgeId}/bulk",
        "/admin/gamification/settings", "/admin/gamification/challenges", "/admin/gamification/challenges/new", $"/admin/gamification/challenges/{challengeId}",
    ];

    [Fact]
    public async Task A_member_of_staff_gets_403_on_every_admin_page_and_every_post_and_nothing_changes()
    {
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        foreach (var page in Pages.Append("/admin/badges/preview.svg?palette=teal&icon=star&label=x").Append("/admin/badges/bulk-template.csv"))
        {
            Assert.True(HttpStatusCode.Forbidden == (await staff.GetAsync(page)).StatusCode, page);
        }

        // A valid token of the person's own session, so that only the permission can be what refuses them.
        var token = SiteClient.AntiforgeryToken(await staff.GetStringAsync("/"));
        string[] posts =
        [
            "/admin/badges/new", $"/admin/badges/{badgeId}", $"/admin/badges/{badgeId}?handler=Preview", $"/admin/badges/{badgeId}?handler=Archive",
            $"/admin/badges/{badgeId}?handler=Unarchive", $"/admin/badges/{badgeId}?handler=Revoke&awardId={Guid.NewGuid()}",
            $"/admin/badges/{badgeId}/bulk", $"/admin/badges/{badgeId}/bulk?handler=Confirm",
            "/admin/gamification/settings", "/admin/gamification/challenges/new", $"/admin/gamification/challenges/{challengeId}",
            $"/admin/gamification/challenges/{challengeId}?handler=Archive",
        ];
        foreach (var post in posts)
        {
            var response = await staff.PostAsync(post, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["NameJa"] = "不正", ["TitleJa"] = "不正", ["Reason"] = "不正", ["reason"] = "不正", ["Lesson"] = "999",
            }));
            Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{post}: {response.StatusCode}");
        }

        Assert.False((await BadgeAsync(Factory, badgeId)).IsArchived);
        Assert.Equal(1, await DbAsync(Factory, db => db.Challenges.CountAsync()));
        Assert.Null((await AwardsAsync(Factory, badgeId)).Single().RevokedAt);
        Assert.Equal(0, await DbAsync(Factory, db => db.Badges.CountAsync(b => b.NameJa == "不正")));
    }

    [Fact]
    public async Task The_admin_menu_offers_the_three_pages_and_every_form_on_them_posts_with_its_token()
    {
        var admin = await AdminAsync(Factory);
        var menu = Parse(await (await admin.GetAsync("/admin")).Content.ReadAsStringAsync()).QuerySelectorAll(".admin-nav a")
            .ToDictionary(a => a.GetAttribute("href")!, a => a.TextContent.Trim());
        Assert.Equal("バッジ", menu["/admin/badges"]);
        Assert.Equal("ポイントとレベル", menu["/admin/gamification/settings"]);
        Assert.Equal("部署チャレンジ一覧", menu["/admin/gamification/challenges"]);

        var (forms, problems) = await PostingForms.CheckAsync(Pages.Select(p => (admin, p)));
        Assert.Empty(problems);
        // Badge editor ×2, badge page archive + revoke, bulk upload, settings, challenge ×2 and its archive.
        Assert.True(forms >= 9, $"{forms} forms");
    }
}
