using System.Net;
using Lms.Modules.Gamification.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lms.Tests.Gamification;

/// <summary>"My badges and points", sharing an award, and the public page of a shared award.</summary>
public sealed class WalletTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static Task<HttpResponseMessage> ShareAsync(HttpClient client, Guid awardId, bool makePublic) =>
        SiteClient.PostFormAsync(client, "/me/achievements?handler=Share",
            new() { ["awardId"] = awardId.ToString(), ["makePublic"] = makePublic ? "true" : "false" }, formPage: "/me/achievements");

    [Fact]
    public async Task The_achievements_page_shows_demo_staffs_badges_with_their_evidence_level_and_ledger()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var persona = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var page = WalletFixture.MainContent(await client.GetStringAsync("/me/achievements"));

        Assert.Contains("バッジとポイント", page);
        foreach (var badge in new[] { WalletFixture.CoreBadge, WalletFixture.PersonaBadge, WalletFixture.FirstWorkshopBadge })
        {
            Assert.Contains($"<h3>{badge}</h3>", page);
        }

        Assert.Contains($"コース『{WalletFixture.CoreCourse}』（", page);
        Assert.Contains($"ワークショップ『{WalletFixture.PersonaWorkshop}』（", page);
        Assert.Contains("合計ポイント", page);
        Assert.Contains("次のレベル", page);
        Assert.Contains("/badges/" + persona.BadgeId + "/image", page);
        // Open Badges links of one's own award, at the addresses the export serves.
        Assert.Contains($"/api/v1/badges/assertions/{persona.Id}\"", page);
        Assert.Contains($"/api/v1/badges/credentials/{persona.Id}\"", page);
        Assert.Contains($"/api/v1/badges/assertions/{persona.Id}/image\"", page);
        // Still to earn, with how: the second general workshop; an executive badge too (everyone may see the whole set).
        Assert.Contains("これから獲得できるバッジ", page);
        Assert.Contains("「ワークショップ2：インサイトからアイデア、そしてピッチへ」を修了する", page);
        Assert.Contains("ポイントの記録", page);
        Assert.Matches("(レッスン|クイズ|ふりかえり|アンケート)『", page);
        Assert.Contains("/about/gamification", page);
    }

    [Fact]
    public async Task Evidence_names_the_session_day_and_an_administrators_reason_and_revoked_and_archived_badges_are_left_out()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var persona = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);
        var signedOff = new DateTimeOffset(2026, 11, 12, 6, 0, 0, TimeSpan.Zero); // 15:00 in Tokyo
        await WalletFixture.DbAsync(Factory, async db =>
        {
            await db.Awards.Where(a => a.Id == persona.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.SessionId, Guid.NewGuid()).SetProperty(a => a.EvidenceAt, signedOff));
            await db.Awards.Where(a => a.StaffId == staffId && db.Badges.Any(b => b.Id == a.BadgeId && b.NameJa == WalletFixture.CoreBadge))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RevokedAt, DateTimeOffset.UtcNow).SetProperty(a => a.RevokedReason, "誤って付与"));
            var manual = await db.Badges.SingleAsync(b => b.Key == "points-300");
            db.Awards.Add(new BadgeAward { Id = Guid.NewGuid(), BadgeId = manual.Id, StaffId = staffId, AwardedAt = DateTimeOffset.UtcNow, Evidence = "manual", Reason = "研修の運営に協力" });
            await db.Badges.Where(b => b.Key == "workshop-vision-goals").ExecuteUpdateAsync(s => s.SetProperty(b => b.IsArchived, true));
            return await db.SaveChangesAsync();
        });
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var page = WalletFixture.MainContent(await client.GetStringAsync("/me/achievements"));

        Assert.Contains($"ワークショップ『{WalletFixture.PersonaWorkshop}』（2026/11/12 のセッションで修了）", page);
        Assert.Contains("管理者による授与：研修の運営に協力", page);
        Assert.DoesNotContain(WalletFixture.CoreBadge, page); // revoked: neither earned nor offered again
        Assert.DoesNotContain("まちの未来を描く", page); // archived, not earned
        Assert.Contains("アイデアを形に", page); // the general course's other workshop is still there to earn
        Assert.DoesNotContain("決めて、任せて、語る", page); // an executives' workshop: out of reach of this person's courses
    }

    [Fact]
    public async Task Sharing_an_award_opens_its_public_page_to_anyone_and_making_it_private_closes_it()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var name = await WalletFixture.NameAsync(Factory, staffId);
        var award = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);
        var holder = await SiteClient.SignInAsync(Factory, "demo-staff");
        var anyone = SiteClient.Create(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/badges/awards/{award.Id}")).StatusCode); // private by default

        var shared = await ShareAsync(holder, award.Id, makePublic: true);

        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        var own = WalletFixture.MainContent(await holder.GetStringAsync("/me/achievements"));
        Assert.Contains("を公開しました", own);
        Assert.Contains($"/badges/awards/{award.Id}\"", own);
        var response = await anyone.GetAsync($"/badges/awards/{award.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var publicPage = WalletFixture.MainContent(await response.Content.ReadAsStringAsync());
        Assert.Contains(name, publicPage);
        Assert.Contains(WalletFixture.PersonaBadge, publicPage);
        Assert.Contains("市民一人ひとりの体験を思い描く力", publicPage); // the description
        Assert.Contains("「ワークショップ1：ペルソナとカスタマージャーニーを描く」を修了する", publicPage); // the criteria
        Assert.Contains("市役所", publicPage); // the issuer
        Assert.Contains($"/api/v1/badges/assertions/{award.Id}\"", publicPage);
        Assert.Contains($"/api/v1/badges/credentials/{award.Id}\"", publicPage);
        Assert.Contains($"/api/v1/badges/assertions/{award.Id}/image\"", publicPage);
        Assert.DoesNotContain("のセッションで修了", publicPage); // no evidence details in public
        Assert.Contains(await WalletFixture.DbAsync(Factory, db => db.Audit.Select(a => a.Action).ToListAsync()), a => a == "award-made-public");

        Assert.Equal(HttpStatusCode.Redirect, (await ShareAsync(holder, award.Id, makePublic: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/badges/awards/{award.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_private_a_revoked_and_an_unknown_award_get_the_same_plain_404()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var name = await WalletFixture.NameAsync(Factory, staffId);
        var privateAward = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);
        var revoked = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.CoreBadge);
        await WalletFixture.DbAsync(Factory, db => db.Awards.Where(a => a.Id == revoked.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsPublic, true).SetProperty(a => a.RevokedAt, DateTimeOffset.UtcNow)));
        var anyone = SiteClient.Create(Factory);

        var pages = new List<string>();
        foreach (var id in new[] { privateAward.Id, revoked.Id, Guid.NewGuid() })
        {
            var response = await anyone.GetAsync($"/badges/awards/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            pages.Add(WalletFixture.MainContent(await response.Content.ReadAsStringAsync()));
        }

        Assert.Single(pages.Distinct());
        Assert.DoesNotContain(name, pages[0]);
        Assert.DoesNotContain(WalletFixture.PersonaBadge, pages[0]);
        Assert.Contains("404", pages[0]);
    }

    [Fact]
    public async Task Nobody_can_share_or_hide_someone_elses_award()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var award = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);
        var other = await SiteClient.SignInAsync(Factory, "demo-manager");

        var response = await ShareAsync(other, award.Id, makePublic: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((await WalletFixture.DbAsync(Factory, db => db.Awards.SingleAsync(a => a.Id == award.Id))).IsPublic);
        // Without the antiforgery token even the holder is refused.
        var holder = await SiteClient.SignInAsync(Factory, "demo-staff");
        var forged = await holder.PostAsync("/me/achievements?handler=Share",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["awardId"] = award.Id.ToString(), ["makePublic"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False((await WalletFixture.DbAsync(Factory, db => db.Awards.SingleAsync(a => a.Id == award.Id))).IsPublic);
    }

    [Fact]
    public async Task The_pages_need_a_signed_in_member_of_staff_except_the_public_one()
    {
        var anyone = SiteClient.Create(Factory);
        foreach (var path in new[] { "/me/achievements", "/me/game-settings", "/about/gamification" })
        {
            var response = await anyone.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("sign-in", response.Headers.Location!.ToString());
        }
    }
}
