using System.Net;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Gamification.AdminFixture;

namespace Lms.Tests.Gamification;

/// <summary>Points and levels (/admin/gamification/settings) and department challenges (/admin/gamification/challenges).</summary>
public sealed class AdminSettingsAndChallengesTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Settings = "/admin/gamification/settings";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    private static Dictionary<string, string> SettingsForm(params (string Key, string Value)[] changes)
    {
        var form = new Dictionary<string, string>
        {
            ["Lesson"] = "12", ["Quiz"] = "25", ["Reflection"] = "15", ["Survey"] = "5", ["Workshop"] = "60", ["Course"] = "40",
            ["DailyCap"] = "200", ["ProgrammeKeyPrefix"] = "step0-",
            ["Levels[0].Threshold"] = "0", ["Levels[0].NameJa"] = "見習い", ["Levels[0].NameEn"] = "Apprentice",
            // Row 2 left empty: ignored.
            ["Levels[2].Threshold"] = "250", ["Levels[2].NameJa"] = "実践者", ["Levels[2].NameEn"] = "",
            ["Levels[3].Threshold"] = "１,０００", ["Levels[3].NameJa"] = "推進者", ["Levels[3].NameEn"] = "Promoter",
        };
        // A browser posts all ten rows, the empty ones too (a list binds up to its first gap).
        for (var i = 0; i < 10; i++)
        {
            foreach (var part in new[] { "Threshold", "NameJa", "NameEn" })
            {
                form.TryAdd($"Levels[{i}].{part}", "");
            }
        }

        foreach (var (key, value) in changes)
        {
            form[key] = value;
        }

        return form;
    }

    private Task<GameSettings> StoredSettingsAsync() => Factory.WithScopeAsync(async sp =>
    {
        (sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
        return await sp.GetRequiredService<GameSettingsStore>().GetAsync();
    });

    [Fact]
    public async Task Points_and_levels_are_saved_and_the_admin_is_told_they_apply_from_now_on()
    {
        var admin = await AdminAsync(Factory);
        var page = await BodyAsync(await admin.GetAsync(Settings));
        Assert.Contains("すでに獲得したポイントは計算し直しません", page, StringComparison.Ordinal);

        var response = await SiteClient.PostFormAsync(admin, Settings, SettingsForm());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = await StoredSettingsAsync();
        Assert.Equal((12, 25, 15, 5, 60, 40, 200, "step0-"), (stored.Lesson, stored.Quiz, stored.Reflection, stored.Survey, stored.Workshop, stored.Course, stored.DailyCap, stored.ProgrammeKeyPrefix));
        Assert.Equal([new Level(0, "見習い", "Apprentice"), new Level(250, "実践者", ""), new Level(1000, "推進者", "Promoter")], stored.Levels);
        var after = await BodyAsync(await admin.GetAsync(Settings));
        Assert.Contains("設定を保存しました。新しい設定はこれから獲得するポイントに適用されます。", after, StringComparison.Ordinal);
        Assert.Equal(1, await DbAsync(Factory, db => db.Audit.CountAsync(a => a.Action == "settings-changed" && a.By == "demo-admin")));
    }

    [Fact]
    public async Task Settings_with_mistakes_are_refused_in_Japanese_next_to_their_fields_and_nothing_is_stored()
    {
        var admin = await AdminAsync(Factory);
        var rows = await DbAsync(Factory, db => db.Settings.CountAsync());

        var typo = await SiteClient.PostFormAsync(admin, Settings, SettingsForm(("Quiz", "二十"), ("Levels[2].Threshold", "たくさん")));
        Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
        var page = Parse(await typo.Content.ReadAsStringAsync());
        Assert.Equal("0以上の整数で入力してください。", page.QuerySelector("#Quiz-problem")!.TextContent);
        Assert.Equal("二十", page.QuerySelector("#Quiz")!.GetAttribute("value"));
        Assert.Equal("このレベルが始まるポイントを整数で入力してください。", page.QuerySelector("#Levels_2__Threshold-problem")!.TextContent);
        Assert.Equal("推進者", page.QuerySelector("#Levels_3__NameJa")!.GetAttribute("value"));

        // What the domain refuses (its English keys), in Japanese.
        var rules = Parse(await (await SiteClient.PostFormAsync(admin, Settings, SettingsForm(("Lesson", "5000"), ("DailyCap", "-1"), ("Levels[0].Threshold", "10")))).Content.ReadAsStringAsync());
        Assert.Equal("活動ごとのポイントは0から1,000の範囲で入力してください。", rules.QuerySelector("#Points-problem")!.TextContent);
        Assert.Equal("1日の上限は0から100,000の範囲で入力してください（0は上限なし）。", rules.QuerySelector("#DailyCap-problem")!.TextContent);
        Assert.Equal("最初のレベルは0ポイントから始まるようにしてください。", rules.QuerySelector("#Levels-problem")!.TextContent);
        var same = Parse(await (await SiteClient.PostFormAsync(admin, Settings, SettingsForm(("Levels[2].Threshold", "1000")))).Content.ReadAsStringAsync());
        Assert.Equal("同じポイントから始まるレベルが2つあります。", same.QuerySelector("#Levels-problem")!.TextContent);

        Assert.Equal(rows, await DbAsync(Factory, db => db.Settings.CountAsync()));
        Assert.Equal(new GameSettings().Lesson, (await StoredSettingsAsync()).Lesson);
    }

    [Fact]
    public async Task Every_English_key_the_settings_can_refuse_with_has_Japanese()
    {
        // GameSettings.Problems() speaks in English keys that no page names literally; the page must translate each one.
        var wrong = new GameSettings { Lesson = -1, DailyCap = -1, Levels = [], ProgrammeKeyPrefix = "" };
        var keys = wrong.Problems().Concat(new GameSettings { Levels = [new(5, "", "")] }.Problems())
            .Concat(new GameSettings { Levels = [new(0, "a", ""), new(0, "b", "")] }.Problems()).Distinct().ToList();
        Assert.Equal(7, keys.Count);
        var localizer = Factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Lms.Modules.Gamification.GamificationStrings>>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ja-JP");
        try
        {
            Assert.All(keys, k => Assert.False(localizer[k].ResourceNotFound, k));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_department_challenge_is_created_changed_and_archived()
    {
        var admin = await AdminAsync(Factory);
        var department = await Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetOrgUnits())).First(u => !u.Path.Contains('/')));
        var form = new Dictionary<string, string>
        {
            ["TitleJa"] = "夏までに全課で80%", ["TitleEn"] = "80% everywhere by summer", ["Department"] = department.Id.ToString(),
            ["TargetPercent"] = "80", ["StartsOn"] = "2026-04-01", ["EndsOn"] = "2026-07-31",
        };

        var created = await SiteClient.PostFormAsync(admin, "/admin/gamification/challenges/new", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var challenge = await DbAsync(Factory, db => db.Challenges.AsNoTracking().SingleAsync());
        Assert.Equal(("夏までに全課で80%", "80% everywhere by summer", (Guid?)department.Id, 80, new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 31), false),
            (challenge.TitleJa, challenge.TitleEn, challenge.OrgUnitId, challenge.TargetPercent, challenge.StartsOn, challenge.EndsOn, challenge.IsArchived));
        var list = await BodyAsync(await admin.GetAsync("/admin/gamification/challenges"));
        Assert.Contains("チャレンジ「夏までに全課で80%」を保存しました。", list, StringComparison.Ordinal);
        Assert.Contains(department.Path, list, StringComparison.Ordinal);

        form["Department"] = "";
        form["TargetPercent"] = "９０";
        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(admin, $"/admin/gamification/challenges/{challenge.Id}", form)).StatusCode);
        var changed = await DbAsync(Factory, db => db.Challenges.AsNoTracking().SingleAsync());
        Assert.Equal(((Guid?)null, 90), (changed.OrgUnitId, changed.TargetPercent));
        Assert.Contains("すべての部署", await BodyAsync(await admin.GetAsync("/admin/gamification/challenges")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(admin, $"/admin/gamification/challenges/{challenge.Id}?handler=Archive", new(), $"/admin/gamification/challenges/{challenge.Id}")).StatusCode);
        Assert.True((await DbAsync(Factory, db => db.Challenges.AsNoTracking().SingleAsync())).IsArchived);
        Assert.Equal(["challenge-created", "challenge-changed", "challenge-archived"], await DbAsync(Factory, db => db.Audit.OrderBy(a => a.Id).Where(a => a.Action.StartsWith("challenge-")).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_challenge_with_mistakes_is_refused_in_Japanese_and_nothing_is_written()
    {
        var admin = await AdminAsync(Factory);
        var section = await Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetOrgUnits())).First(u => u.Path.Contains('/')));
        var response = await SiteClient.PostFormAsync(admin, "/admin/gamification/challenges/new", new()
        {
            ["TitleJa"] = " ", ["TitleEn"] = "Typed in English", ["Department"] = section.Id.ToString(),
            ["TargetPercent"] = "0", ["StartsOn"] = "2026-07-01", ["EndsOn"] = "2026-07-01",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("チャレンジのタイトル（日本語）を200文字以内で入力してください。", page.QuerySelector("#TitleJa-problem")!.TextContent);
        Assert.Equal("一覧から部署を選ぶか、「すべての部署」を選んでください。", page.QuerySelector("#Department-problem")!.TextContent);
        Assert.Equal("目標は1から100までの整数（パーセント）で入力してください。", page.QuerySelector("#TargetPercent-problem")!.TextContent);
        Assert.Equal("終了日は開始日より後の日付にしてください。", page.QuerySelector("#EndsOn-problem")!.TextContent);
        Assert.Equal("Typed in English", page.QuerySelector("#TitleEn")!.GetAttribute("value"));
        Assert.Equal("2026-07-01", page.QuerySelector("#StartsOn")!.GetAttribute("value"));

        var noDates = Parse(await (await SiteClient.PostFormAsync(admin, "/admin/gamification/challenges/new", new() { ["TitleJa"] = "日付なし", ["TargetPercent"] = "50" })).Content.ReadAsStringAsync());
        Assert.Equal("開始日を入力してください（例：2026/04/01）。", noDates.QuerySelector("#StartsOn-problem")!.TextContent);
        Assert.Equal("終了日を入力してください（例：2026/06/30）。", noDates.QuerySelector("#EndsOn-problem")!.TextContent);

        Assert.Equal(0, await DbAsync(Factory, db => db.Challenges.CountAsync()));
        Assert.Equal(0, await DbAsync(Factory, db => db.Audit.CountAsync(a => a.Action.StartsWith("challenge-"))));
    }
}
