using System.Net;
using System.Text;
using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lms.Tests.Gamification.AdminFixture;

namespace Lms.Tests.Gamification;

/// <summary>The badge editor at /admin/badges/new and /admin/badges/{id}, through its forms.</summary>
public sealed class AdminBadgeEditorTests(LmsAppFactory factory) : SiteTest(factory)
{
    // A 1×1 transparent PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
    }

    [Fact]
    public async Task Every_kind_of_criteria_chosen_in_the_form_is_stored_as_that_criterion()
    {
        var admin = await AdminAsync(Factory);
        var courses = await CoursesAsync(Factory);
        var core = courses.Single(c => c.Key == "step0-core");
        var general = courses.Single(c => c.Key == "step0-general");
        var workshop = general.Activities.First(a => a.Kind == ActivityKind.Workshop);

        var cases = new (string Name, (string, string)[] Fields, BadgeCriterion Expected)[]
        {
            ("ワークショップ", [("Criterion.Kind", "workshop"), ("Criterion.Workshop", workshop.Id.ToString())], BadgeCriterion.ForWorkshop(workshop.Id)),
            ("コース", [("Criterion.Kind", "course"), ("Criterion.Course", core.Id.ToString())], BadgeCriterion.ForCourse(core.Id)),
            ("職層", [("Criterion.Kind", "tier-workshops"), ("Criterion.Tier", "general")], BadgeCriterion.ForTierWorkshops(StaffTier.General)),
            ("プログラム", [("Criterion.Kind", "programme")], BadgeCriterion.ForProgramme()),
            // Full-width digits and a thousands separator, as an IME may leave them.
            ("ポイント", [("Criterion.Kind", "points"), ("Criterion.Points", "１,２００")], BadgeCriterion.ForPoints(1200)),
            ("すべて", [("Criterion.Kind", "all"), ("Parts[0].Kind", "workshop"), ("Parts[0].Workshop", workshop.Id.ToString()), ("Parts[1].Kind", ""), ("Parts[2].Kind", "points"), ("Parts[2].Points", "150")],
                BadgeCriterion.AllOf(BadgeCriterion.ForWorkshop(workshop.Id), BadgeCriterion.ForPoints(150))),
            ("いずれか", [("Criterion.Kind", "any"), ("Parts[0].Kind", "course"), ("Parts[0].Course", core.Id.ToString()), ("Parts[1].Kind", "tier-workshops"), ("Parts[1].Tier", "manager"), ("Parts[5].Kind", "programme")],
                BadgeCriterion.AnyOf(BadgeCriterion.ForCourse(core.Id), BadgeCriterion.ForTierWorkshops(StaffTier.Manager), BadgeCriterion.ForProgramme())),
        };

        foreach (var (name, fields, expected) in cases)
        {
            var response = await PostMultipartAsync(admin, "/admin/badges/new", BadgeFields($"{name}のバッジ", fields));
            var id = BadgeIdFrom(response);
            var badge = await BadgeAsync(Factory, id);
            Assert.Equal($"{name}のバッジ", badge.NameJa);
            Assert.Equal(expected.ToJson(), badge.CriteriaJson);
            Assert.Equal(("teal", "compass", "試験", BadgeImageKind.Generated), (badge.Palette, badge.Icon, badge.Label, badge.ImageKind));
        }

        // The list says in words what earns each badge.
        var list = await BodyAsync(await admin.GetAsync("/admin/badges"));
        Assert.Contains("1200ポイントに到達する", list, StringComparison.Ordinal);
        Assert.Contains($"コース「{core.Title}」を修了する", list, StringComparison.Ordinal);
        Assert.Contains($"すべて満たす：「{workshop.Title}」を修了する", list, StringComparison.Ordinal);
        Assert.Equal(cases.Length, await DbAsync(Factory, db => db.Audit.CountAsync(a => a.Action == "badge-created" && a.By == "demo-admin")));
    }

    [Fact]
    public async Task After_saving_the_admin_reads_that_people_who_already_qualify_receive_the_badge_shortly()
    {
        var admin = await AdminAsync(Factory);
        var response = await PostMultipartAsync(admin, "/admin/badges/new", BadgeFields("お知らせ確認", ("Criterion.Kind", "points"), ("Criterion.Points", "10")));
        var id = BadgeIdFrom(response);

        var page = await BodyAsync(await admin.GetAsync($"/admin/badges/{id}"));
        Assert.Contains("すでに条件を満たしている職員には、まもなく（通常1分以内に）自動でこのバッジが付与されます。", page, StringComparison.Ordinal);
        Assert.Contains("value=\"お知らせ確認\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_mistakes_writes_nothing_and_comes_back_with_what_was_typed_and_each_error_next_to_its_field()
    {
        var admin = await AdminAsync(Factory);
        var courses = await CoursesAsync(Factory);
        var before = await DbAsync(Factory, db => db.Badges.CountAsync());
        var audit = await DbAsync(Factory, db => db.Audit.CountAsync());

        // No Japanese name, a five-character word, a workshop criterion pointing at a course (not a workshop).
        var fields = BadgeFields("", ("Criterion.Kind", "workshop"), ("Criterion.Workshop", courses[0].Id.ToString()));
        fields.RemoveAll(f => f.Key is "Label" or "NameEn");
        fields.Add(new("Label", "五文字の語"));
        fields.Add(new("NameEn", "Keep what I typed"));
        var response = await PostMultipartAsync(admin, "/admin/badges/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = Parse(html);
        Assert.Equal("Keep what I typed", document.QuerySelector("#NameEn")!.GetAttribute("value"));
        Assert.Equal("五文字の語", document.QuerySelector("#Label")!.GetAttribute("value"));
        Assert.Equal("true", document.QuerySelector("#NameJa")!.GetAttribute("aria-invalid"));
        Assert.Equal("バッジの名前（日本語、100文字以内）を入力してください。", document.QuerySelector("#NameJa-problem")!.TextContent);
        Assert.NotNull(document.QuerySelector("#Label-problem"));
        Assert.Equal("公開中のコースのワークショップを選んでください。", document.QuerySelector("#Criterion_Workshop-problem")!.TextContent);
        Assert.True(document.QuerySelector("input[name='Criterion.Kind'][value=workshop]")!.HasAttribute("checked"));

        // A points criterion typed as words, and a combination without any condition.
        var words = await PostMultipartAsync(admin, "/admin/badges/new", BadgeFields("ポイントの誤り", ("Criterion.Kind", "points"), ("Criterion.Points", "たくさん")));
        var wordsPage = Parse(await words.Content.ReadAsStringAsync());
        Assert.Equal("ポイントは整数で入力してください（例：300）。", wordsPage.QuerySelector("#Criterion_Points-problem")!.TextContent);
        Assert.Equal("たくさん", wordsPage.QuerySelector("#Criterion_Points")!.GetAttribute("value"));
        var empty = await PostMultipartAsync(admin, "/admin/badges/new", BadgeFields("空の組み合わせ", ("Criterion.Kind", "all")));
        Assert.Equal("組み合わせる条件を1つ以上選んでください。", Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("#Parts-problem")!.TextContent);
        var noKind = await PostMultipartAsync(admin, "/admin/badges/new", BadgeFields("種類なし"));
        Assert.Equal("バッジの獲得条件の種類を選んでください。", Parse(await noKind.Content.ReadAsStringAsync()).QuerySelector("#Criterion_Kind-problem")!.TextContent);

        Assert.Equal(before, await DbAsync(Factory, db => db.Badges.CountAsync()));
        Assert.Equal(audit, await DbAsync(Factory, db => db.Audit.CountAsync()));
    }

    [Fact]
    public async Task An_uploaded_png_is_kept_through_a_mistake_and_saved_while_a_fake_png_or_an_svg_with_script_is_refused()
    {
        var admin = await AdminAsync(Factory);
        var before = await DbAsync(Factory, db => db.Badges.CountAsync());
        var criteria = new[] { ("Criterion.Kind", "points"), ("Criterion.Points", "500") };

        List<KeyValuePair<string, string>> Upload(string name)
        {
            var fields = BadgeFields(name, criteria);
            fields.RemoveAll(f => f.Key == "ImageMode");
            fields.Add(new("ImageMode", "upload"));
            return fields;
        }

        var fake = await PostMultipartAsync(admin, "/admin/badges/new", Upload("偽のPNG"), [("ImageFile", "badge.png", "image/png", Encoding.UTF8.GetBytes("this is text, not a picture"))]);
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Equal("画像は512KB以下のPNGまたはSVGファイルにしてください。", Parse(await fake.Content.ReadAsStringAsync()).QuerySelector("#ImageFile-problem")!.TextContent);

        var scripted = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><circle r=\"4\"/></svg>");
        var svg = await PostMultipartAsync(admin, "/admin/badges/new", Upload("スクリプト入りSVG"), [("ImageFile", "badge.svg", "image/svg+xml", scripted)]);
        Assert.Equal("画像は512KB以下のPNGまたはSVGファイルにしてください。", Parse(await svg.Content.ReadAsStringAsync()).QuerySelector("#ImageFile-problem")!.TextContent);
        Assert.Equal(before, await DbAsync(Factory, db => db.Badges.CountAsync()));

        // A good PNG with a mistake elsewhere: the page comes back holding the image, and the next save uses it.
        var mistake = Upload("");
        var first = await PostMultipartAsync(admin, "/admin/badges/new", mistake, [("ImageFile", "logo.png", "image/png", Png)]);
        var page = Parse(await first.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#NameJa-problem"));
        Assert.Null(page.QuerySelector("#ImageFile-problem"));
        var kept = page.QuerySelector("input[name=UploadData]")!.GetAttribute("value")!;
        Assert.Equal(Png, Convert.FromBase64String(kept));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("#badge-preview")!.GetAttribute("src"), StringComparison.Ordinal);

        var fixedFields = Upload("ロゴのバッジ");
        fixedFields.Add(new("UploadData", kept));
        fixedFields.Add(new("UploadName", "logo.png"));
        fixedFields.Add(new("UploadType", "image/png"));
        var id = BadgeIdFrom(await PostMultipartAsync(admin, "/admin/badges/new", fixedFields));
        var badge = await BadgeAsync(Factory, id);
        Assert.Equal((BadgeImageKind.Uploaded, "image/png"), (badge.ImageKind, badge.ImageContentType));
        Assert.Equal(Png, badge.ImageBytes);
        var image = await admin.GetAsync($"/badges/{id}/image");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());

        // Keeping it on a later save, then going back to a generated image.
        var keep = BadgeFields("ロゴのバッジ（改）", criteria);
        keep.RemoveAll(f => f.Key == "ImageMode");
        keep.Add(new("ImageMode", "current"));
        BadgeIdFrom(await PostMultipartAsync(admin, $"/admin/badges/{id}", keep));
        Assert.Equal(BadgeImageKind.Uploaded, (await BadgeAsync(Factory, id)).ImageKind);
        BadgeIdFrom(await PostMultipartAsync(admin, $"/admin/badges/{id}", BadgeFields("ロゴのバッジ（改）", criteria)));
        var generated = await BadgeAsync(Factory, id);
        Assert.Equal(BadgeImageKind.Generated, generated.ImageKind);
        Assert.Null(generated.ImageBytes);
        Assert.Equal("image/svg+xml", (await admin.GetAsync($"/badges/{id}/image")).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_preview_draws_the_chosen_colour_icon_and_word_without_saving()
    {
        var admin = await AdminAsync(Factory);
        var svg = await admin.GetAsync("/admin/badges/preview.svg?palette=crimson&icon=flag&label=" + Uri.EscapeDataString("挑戦") + "&name=x");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var text = await svg.Content.ReadAsStringAsync();
        Assert.Contains(BadgeArt.Palettes["crimson"].Face, text, StringComparison.Ordinal);
        Assert.Contains(BadgeArt.Icons["flag"], text, StringComparison.Ordinal);
        Assert.Contains("挑戦", text, StringComparison.Ordinal);

        // The no-JavaScript preview: the form comes back with the new image address and nothing is written.
        var before = await DbAsync(Factory, db => db.Badges.CountAsync());
        var fields = BadgeFields("プレビュー", ("Criterion.Kind", "points"), ("Criterion.Points", "10"));
        var response = await PostMultipartAsync(admin, "/admin/badges/new?handler=Preview", fields, formPage: "/admin/badges/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var src = Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#badge-preview")!.GetAttribute("src")!;
        Assert.Contains("palette=teal&icon=compass", src, StringComparison.Ordinal);
        Assert.Equal(before, await DbAsync(Factory, db => db.Badges.CountAsync()));
    }

    [Fact]
    public async Task Archiving_stops_the_badge_and_bringing_it_back_shows_it_in_use_again()
    {
        var admin = await AdminAsync(Factory);
        var id = await ManualBadgeAsync(Factory);

        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(admin, $"/admin/badges/{id}?handler=Archive", new(), $"/admin/badges/{id}")).StatusCode);
        Assert.True((await BadgeAsync(Factory, id)).IsArchived);
        var list = await BodyAsync(await admin.GetAsync("/admin/badges"));
        Assert.Contains("アーカイブ済み", list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(admin, $"/admin/badges/{id}?handler=Unarchive", new(), $"/admin/badges/{id}")).StatusCode);
        Assert.False((await BadgeAsync(Factory, id)).IsArchived);
        Assert.Equal(["badge-archived", "badge-unarchived"], await DbAsync(Factory, db => db.Audit.Where(a => a.BadgeId == id && a.Action != "badge-created").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task One_holder_is_revoked_with_a_reason_and_a_missing_reason_is_asked_for_next_to_the_row()
    {
        var admin = await AdminAsync(Factory);
        var id = await ManualBadgeAsync(Factory);
        var person = (await ActiveStaffAsync(Factory))[0];
        var awardId = await DbAsync(Factory, async db =>
        {
            var award = new BadgeAward { Id = Guid.NewGuid(), BadgeId = id, StaffId = person.StaffId, AwardedAt = DateTimeOffset.UtcNow, Evidence = "manual", Reason = "テスト", AwardedBy = "tests" };
            db.Awards.Add(award);
            await db.SaveChangesAsync();
            return award.Id;
        });

        var page = await BodyAsync(await admin.GetAsync($"/admin/badges/{id}"));
        Assert.Contains(person.Name, page, StringComparison.Ordinal);
        Assert.Contains("tests が手動で付与：テスト", page, StringComparison.Ordinal);

        var missing = await SiteClient.PostFormAsync(admin, $"/admin/badges/{id}?handler=Revoke&awardId={awardId}", new() { ["reason"] = " " }, $"/admin/badges/{id}");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal("取り消しの理由を入力してください。", Parse(await missing.Content.ReadAsStringAsync()).QuerySelector($"#reason-{awardId}-problem")!.TextContent);
        Assert.Null((await AwardsAsync(Factory, id)).Single().RevokedAt);

        var done = await SiteClient.PostFormAsync(admin, $"/admin/badges/{id}?handler=Revoke&awardId={awardId}", new() { ["reason"] = "対象外の研修でした" }, $"/admin/badges/{id}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var award = (await AwardsAsync(Factory, id)).Single();
        Assert.NotNull(award.RevokedAt);
        Assert.Equal(("対象外の研修でした", "demo-admin"), (award.RevokedReason, award.RevokedBy));
        Assert.Single(Factory.Events.Of<BadgeRevoked>(), e => e.AwardId == awardId && e.Reason == "対象外の研修でした");
        var after = await BodyAsync(await admin.GetAsync($"/admin/badges/{id}"));
        Assert.Contains("取り消し済み", after, StringComparison.Ordinal);
        Assert.Contains("対象外の研修でした", after, StringComparison.Ordinal);
    }
}
