using System.Net;
using System.Text;
using AngleSharp.Dom;
using Lms.Contracts.Gamification;
using Lms.Contracts.Organization;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lms.Tests.Gamification.AdminFixture;

namespace Lms.Tests.Gamification;

/// <summary>Bulk award and revoke at /admin/badges/{id}/bulk: upload, preview (nothing written), confirm (one transaction).</summary>
public sealed class AdminBulkAwardTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Guid badgeId;
    private IReadOnlyList<StaffContact> staff = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
        badgeId = await ManualBadgeAsync(Factory);
        staff = await ActiveStaffAsync(Factory);
    }

    private string BulkPath => $"/admin/badges/{badgeId}/bulk";

    private Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string operation, string reason, string fileName = "list.csv") =>
        PostMultipartAsync(client, BulkPath, [new("Operation", operation), new("Reason", reason)], [("Upload", fileName, "text/csv", file)]);

    /// <summary>Posts the preview's confirmation form as it is on the page.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IDocument preview, Action<Dictionary<string, string>>? change = null)
    {
        var form = preview.QuerySelector("form.bulk-confirm")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        change?.Invoke(fields);
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    private static string Count(IDocument page, int index) => page.QuerySelectorAll(".bulk-counts dd")[index].TextContent;

    private static byte[] Utf8(string text, bool bom = false) => [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public async Task Good_unknown_duplicate_empty_and_inactive_lines_are_previewed_then_only_the_good_ones_are_awarded_once()
    {
        var (a, b, c, retired) = (staff[0], staff[1], staff[2], staff[3]);
        await DeactivateAsync(Factory, retired.StaffId);
        var file = Utf8($"職員番号\r\n{a.EmployeeNumber}\r\n{b.EmployeeNumber}\r\n\r\nZZ-99999\r\n{a.EmployeeNumber}\r\n{c.EmployeeNumber}\r\n{retired.EmployeeNumber}\r\n");
        var admin = await AdminAsync(Factory);

        var response = await UploadAsync(admin, file, "award", "2026年DXフォーラムに登壇");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(("3 人", "0 人", "4 行"), (Count(preview, 0), Count(preview, 1), Count(preview, 2)));
        var bad = preview.QuerySelectorAll("table.bulk-bad tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(["4", "5", "6", "8"], bad.Select(r => r[0]));
        Assert.Equal("空の行です。", bad[0][2]);
        Assert.Equal("この職員番号の職員は登録されていません。", bad[1][2]);
        Assert.Equal("同じ職員番号が 2 行目にもあります。", bad[2][2]);
        Assert.Equal($"{retired.Name} さんは在籍していません（退職・離職済み）。", bad[3][2]);
        Assert.Equal([a.EmployeeNumber, b.EmployeeNumber, c.EmployeeNumber], preview.QuerySelectorAll("table.bulk-changes tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent));
        Assert.Empty(await AwardsAsync(Factory, badgeId)); // the preview writes nothing

        var confirmed = await ConfirmAsync(admin, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/admin/badges/{badgeId}", confirmed.Headers.Location!.OriginalString);
        var awards = await AwardsAsync(Factory, badgeId);
        Assert.Equal(new[] { a.StaffId, b.StaffId, c.StaffId }.Order(), awards.Select(x => x.StaffId).Order());
        Assert.All(awards, x => Assert.Equal(("manual", "2026年DXフォーラムに登壇", "demo-admin", (DateTimeOffset?)null), (x.Evidence, x.Reason!, x.AwardedBy!, x.RevokedAt)));
        Assert.Equal(3, await DbAsync(Factory, db => db.Audit.CountAsync(e => e.BadgeId == badgeId && e.Action == "bulk-award" && e.By == "demo-admin" && e.Detail == "2026年DXフォーラムに登壇")));
        var events = Factory.Events.Of<BadgeAwarded>().Where(e => e.BadgeId == badgeId).ToList();
        Assert.Equal(awards.Select(x => x.Id).Order(), events.Select(e => e.AwardId).Order());
        Assert.All(events, e => Assert.Equal(("manual", "フォーラム登壇"), (e.Evidence, e.BadgeName)));
        Assert.Contains("3 人にバッジを付与しました。", await BodyAsync(await admin.GetAsync($"/admin/badges/{badgeId}")), StringComparison.Ordinal);

        // The same file again: everyone is already in that state, there is nothing to confirm, and nothing changes.
        var again = Parse(await (await UploadAsync(admin, file, "award", "2026年DXフォーラムに登壇")).Content.ReadAsStringAsync());
        Assert.Equal(("0 人", "3 人"), (Count(again, 0), Count(again, 1)));
        Assert.Null(again.QuerySelector("form.bulk-confirm"));
        // Even the old confirmation posted a second time (a double click, the back button) changes nothing.
        var replay = await ConfirmAsync(admin, preview);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(awards.OrderBy(x => x.Id).Select(x => (x.Id, x.AwardedAt)), (await AwardsAsync(Factory, badgeId)).OrderBy(x => x.Id).Select(x => (x.Id, x.AwardedAt)));
        Assert.Equal(3, Factory.Events.Of<BadgeAwarded>().Count(e => e.BadgeId == badgeId));
    }

    [Fact]
    public async Task Revoking_in_bulk_sets_revoked_at_and_awarding_again_gives_the_badge_back_with_the_new_reason()
    {
        var (a, b) = (staff[0], staff[1]);
        var admin = await AdminAsync(Factory);
        // A single column without a heading, UTF-8 with a byte order mark (Excel's "CSV UTF-8").
        var both = Utf8($"{a.EmployeeNumber}\r\n{b.EmployeeNumber}\r\n", bom: true);
        await ConfirmAsync(admin, Parse(await (await UploadAsync(admin, both, "award", "研修講師")).Content.ReadAsStringAsync()));

        var revokePreview = Parse(await (await UploadAsync(admin, Utf8($"{a.EmployeeNumber}\n"), "revoke", "登壇が中止になったため")).Content.ReadAsStringAsync());
        Assert.Equal("1 人", Count(revokePreview, 0));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(admin, revokePreview)).StatusCode);
        var revoked = (await AwardsAsync(Factory, badgeId)).Single(x => x.StaffId == a.StaffId);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(("登壇が中止になったため", "demo-admin"), (revoked.RevokedReason, revoked.RevokedBy));
        Assert.Null((await AwardsAsync(Factory, badgeId)).Single(x => x.StaffId == b.StaffId).RevokedAt);
        Assert.Single(Factory.Events.Of<BadgeRevoked>(), e => e.AwardId == revoked.Id && e.Reason == "登壇が中止になったため");

        // Revoking again changes nothing; awarding again un-revokes the same award with the new reason.
        var twice = Parse(await (await UploadAsync(admin, Utf8($"{a.EmployeeNumber}\n"), "revoke", "登壇が中止になったため")).Content.ReadAsStringAsync());
        Assert.Equal(("0 人", "1 人"), (Count(twice, 0), Count(twice, 1)));
        var back = Parse(await (await UploadAsync(admin, both, "award", "改めて登壇")).Content.ReadAsStringAsync());
        Assert.Equal(("1 人", "1 人"), (Count(back, 0), Count(back, 1)));
        await ConfirmAsync(admin, back);
        var restored = (await AwardsAsync(Factory, badgeId)).Single(x => x.StaffId == a.StaffId);
        Assert.Equal((revoked.Id, (DateTimeOffset?)null, (string?)null, "改めて登壇"), (restored.Id, restored.RevokedAt, restored.RevokedReason, restored.Reason!));
        Assert.Equal(2, Factory.Events.Of<BadgeAwarded>().Count(e => e.AwardId == revoked.Id));
        Assert.Single(await DbAsync(Factory, db => db.Audit.Where(e => e.AwardId == revoked.Id && e.Action == "bulk-award-again").ToListAsync()));
    }

    [Fact]
    public async Task A_Shift_JIS_file_from_Japanese_Excel_with_a_職員番号_column_among_others_is_read()
    {
        var (a, b) = (staff[0], staff[1]);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Encoding.GetEncoding(932).GetBytes($"氏名,職員番号,備考\r\n{a.Name},{a.EmployeeNumber},登壇者\r\n{b.Name},{b.EmployeeNumber},司会\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(file)); // really not UTF-8
        var admin = await AdminAsync(Factory);

        var preview = Parse(await (await UploadAsync(admin, file, "award", "フォーラム運営")).Content.ReadAsStringAsync());
        Assert.Equal(("2 人", "0 行"), (Count(preview, 0), Count(preview, 2)));
        Assert.Equal([a.Name, b.Name], preview.QuerySelectorAll("table.bulk-changes tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent));
        Assert.Contains("Shift_JIS", preview.QuerySelector(".bulk-counts + .hint")!.TextContent, StringComparison.Ordinal);

        await ConfirmAsync(admin, preview);
        Assert.Equal(2, (await AwardsAsync(Factory, badgeId)).Count);
    }

    [Fact]
    public async Task The_empty_file_offered_for_download_is_filled_in_and_read_back()
    {
        var admin = await AdminAsync(Factory);
        var template = await admin.GetByteArrayAsync("/admin/badges/bulk-template.csv");
        Assert.Equal("\uFEFF職員番号\r\n", Encoding.UTF8.GetString(template));

        var filled = template.Concat(Encoding.UTF8.GetBytes($"{staff[5].EmployeeNumber}\r\n")).ToArray();
        var preview = Parse(await (await UploadAsync(admin, filled, "award", "ひな形から")).Content.ReadAsStringAsync());
        Assert.Equal(("1 人", "0 行"), (Count(preview, 0), Count(preview, 2)));
    }

    [Fact]
    public async Task A_confirmation_whose_file_was_altered_after_the_preview_applies_nothing_and_shows_the_new_list()
    {
        var (a, b) = (staff[0], staff[1]);
        var admin = await AdminAsync(Factory);
        var preview = Parse(await (await UploadAsync(admin, Utf8($"{a.EmployeeNumber}\n"), "award", "理由")).Content.ReadAsStringAsync());

        // The hidden file in the confirmation form is edited to name someone else as well.
        var altered = Convert.ToBase64String(Utf8($"{a.EmployeeNumber}\n{b.EmployeeNumber}\n"));
        var response = await ConfirmAsync(admin, preview, fields => fields["FileData"] = altered);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("まだ何も変更していません。一覧をもう一度確認してから確定してください。", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 人", Count(page, 0)); // what the file really says now, to be confirmed again
        Assert.Empty(await AwardsAsync(Factory, badgeId));
        Assert.DoesNotContain(Factory.Events.Of<BadgeAwarded>(), e => e.BadgeId == badgeId);
    }

    [Fact]
    public async Task A_missing_reason_a_missing_file_and_an_unreadable_file_are_shown_next_to_their_fields_and_nothing_is_written()
    {
        var admin = await AdminAsync(Factory);

        var noFile = await PostMultipartAsync(admin, BulkPath, [new("Operation", "award"), new("Reason", "")]);
        var page = Parse(await noFile.Content.ReadAsStringAsync());
        Assert.Equal("CSVファイルを選んでください。", page.QuerySelector("#Upload-problem")!.TextContent);
        Assert.Equal("理由を入力してください（付与・取り消しの記録に残ります）。", page.QuerySelector("#Reason-problem")!.TextContent);

        // A good file with a reason that is too long: the file is kept in the form, the reason comes back as typed.
        var longReason = new string('理', 501);
        var kept = Parse(await (await UploadAsync(admin, Utf8($"{staff[0].EmployeeNumber}\n"), "award", longReason)).Content.ReadAsStringAsync());
        Assert.Equal("理由は500文字以内で入力してください（現在 501 文字）。", kept.QuerySelector("#Reason-problem")!.TextContent);
        Assert.Equal(longReason, kept.QuerySelector("#Reason")!.TextContent);
        Assert.NotNull(kept.QuerySelector("input[name=FileData]"));

        var twoColumns = Parse(await (await UploadAsync(admin, Utf8("番号,名前\r\nA1,山田\r\n"), "award", "理由")).Content.ReadAsStringAsync());
        Assert.StartsWith("職員番号の列が見つかりません。", twoColumns.QuerySelector("#Upload-problem")!.TextContent, StringComparison.Ordinal);
        var workbook = Parse(await (await UploadAsync(admin, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "award", "理由", "list.xlsx")).Content.ReadAsStringAsync());
        Assert.StartsWith("CSV形式のテキストファイルではありません。", workbook.QuerySelector("#Upload-problem")!.TextContent, StringComparison.Ordinal);

        Assert.Empty(await AwardsAsync(Factory, badgeId));
    }
}
