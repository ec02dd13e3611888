using Lms.Contracts.Templates;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Templates;

/// <summary>The contract other modules use, against the templates the setup recipe installs.</summary>
public sealed class TemplateRenderingTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Task<RenderedTemplate> RenderAsync(string key, string culture, IReadOnlyDictionary<string, object?> model) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new RenderTemplate(key, culture, model)));

    private static Dictionary<string, object?> DueSoonModel() => new()
    {
        ["recipient"] = new Dictionary<string, object?> { ["name"] = "佐藤 一郎", ["nameKana"] = "さとう いちろう" },
        ["course"] = new Dictionary<string, object?> { ["title"] = "情報セキュリティ基礎", ["version"] = 2, ["dueDate"] = new DateOnly(2027, 3, 31) },
        ["daysLeft"] = 5,
        ["link"] = "https://lms.example/learn/1",
        ["preferencesLink"] = "https://lms.example/me/notifications",
        ["site"] = new Dictionary<string, object?> { ["name"] = "DX ラーニング" },
        ["organisation"] = new Dictionary<string, object?> { ["name"] = "デモ市役所" },
    };

    [Fact]
    public async Task Every_default_template_installs_in_both_cultures_and_renders_with_its_sample_data()
    {
        var templates = await Factory.WithScopeAsync(async sp => await sp.GetRequiredService<TemplatesDbContext>().Templates.AsNoTracking().ToListAsync());
        string[] keys = [TemplateKeys.MailDueSoon, TemplateKeys.MailOverdue, TemplateKeys.MailInactive, TemplateKeys.MailSessionTomorrow,
            TemplateKeys.MailWaitlistSeat, TemplateKeys.MailSessionCancelled, TemplateKeys.MailManagerDigest, TemplateKeys.MailNudge, TemplateKeys.CertificateCourse, TemplateKeys.CertificateProgramme];
        Assert.Equal(keys.SelectMany(k => new[] { (k, "ja"), (k, "en") }).Order(), templates.Select(t => (t.Key, t.Culture)).Order());

        foreach (var template in templates)
        {
            var sample = LiquidModel.FromJson(template.SampleJson);
            var rendered = await RenderAsync(template.Key, template.Culture, sample);
            Assert.Equal(template.Culture, rendered.Culture);
            var text = string.Join("\n", rendered.Parts.Values);
            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain("{%", text);
            var name = ((Dictionary<string, object?>)sample["recipient"]!)["name"]!.ToString()!;
            Assert.Contains(name, rendered[template.Kind == TemplateKind.Mail ? "body" : "body"]);
            if (template.Kind == TemplateKind.Mail)
            {
                Assert.False(string.IsNullOrWhiteSpace(rendered["subject"]));
                Assert.Contains((string)sample["preferencesLink"]!, rendered["body"]);
                Assert.Contains((string)sample["link"]!, rendered["body"]);
            }
        }
    }

    [Fact]
    public async Task A_mail_renders_as_plain_text_with_the_date_in_the_recipients_language()
    {
        var model = DueSoonModel();
        ((Dictionary<string, object?>)model["course"]!)["title"] = "A & B <研修>";

        var ja = await RenderAsync(TemplateKeys.MailDueSoon, "ja-JP", model);
        var en = await RenderAsync(TemplateKeys.MailDueSoon, "en-US", model);

        Assert.StartsWith("佐藤 一郎 様", ja["body"]);
        Assert.Contains("2027年3月31日", ja["body"]);
        Assert.Contains("「A & B <研修>」", ja["subject"]); // not HTML-encoded
        Assert.Equal("en", en.Culture);
        Assert.StartsWith("Dear 佐藤 一郎,", en["body"]);
        Assert.Contains("March 31, 2027", en["body"]);
    }

    [Fact]
    public async Task A_culture_without_a_variant_falls_back_to_Japanese_and_an_unknown_key_fails_clearly()
    {
        var rendered = await RenderAsync(TemplateKeys.MailDueSoon, "fr-FR", DueSoonModel());

        Assert.Equal("ja", rendered.Culture);
        Assert.StartsWith("佐藤 一郎 様", rendered["body"]);
        var e = await Assert.ThrowsAsync<TemplateNotFoundException>(() => RenderAsync("mail/nothing-here", "ja", DueSoonModel()));
        Assert.Contains("mail/nothing-here", e.Message);
    }

    [Fact]
    public async Task Moments_are_shown_in_the_sites_time_zone()
    {
        var model = DueSoonModel();
        model["session"] = new Dictionary<string, object?>
        {
            ["title"] = "ワークショップ", ["place"] = "本庁舎", ["startsAt"] = new DateTimeOffset(2027, 2, 10, 4, 30, 0, TimeSpan.Zero), // 13:30 in Tokyo
        };

        var rendered = await RenderAsync(TemplateKeys.MailSessionTomorrow, "ja", model);

        Assert.Contains("2027年2月10日（水）13:30", rendered["body"]);
    }

    [Fact]
    public async Task A_manager_digest_renders_the_team_the_overdue_members_and_the_coming_sessions()
    {
        var model = DueSoonModel();
        model["digest"] = new Dictionary<string, object?>
        {
            ["period"] = "11月30日",
            ["teamSize"] = 12,
            ["enrolments"] = 24,
            ["completed"] = 9,
            ["completionPercent"] = 37,
            ["overdueCount"] = 3,
            ["items"] = new List<object?>
            {
                new Dictionary<string, object?> { ["name"] = "職員 A", ["course"] = "コース1", ["dueDate"] = new DateOnly(2027, 1, 31), ["percentComplete"] = 10, ["overdue"] = true, ["daysOverdue"] = 14 },
                new Dictionary<string, object?> { ["name"] = "職員 B", ["course"] = "コース2", ["dueDate"] = new DateOnly(2027, 2, 3), ["percentComplete"] = 60, ["overdue"] = true, ["daysOverdue"] = 11 },
            },
            ["sessions"] = new List<object?>
            {
                new Dictionary<string, object?> { ["title"] = "ワークショップ1", ["startsAt"] = new DateTimeOffset(2027, 2, 18, 13, 30, 0, TimeSpan.FromHours(9)), ["place"] = "本庁舎 5階", ["names"] = "職員 C、職員 D" },
            },
        };

        var rendered = await RenderAsync(TemplateKeys.MailManagerDigest, "ja", model);

        Assert.Equal("【受講状況】11月30日の週：修了 37%、期限超過 3件", rendered["subject"]);
        Assert.Contains("　修了したコース：9件 / 割り当て24件（37%）", rendered["body"]);
        Assert.Contains("・職員 A 様　「コース1」　期限 1月31日（14日超過）　進捗 10%\n", rendered["body"]);
        Assert.Contains("・職員 B 様　「コース2」　期限 2月3日（11日超過）　進捗 60%\n", rendered["body"]);
        Assert.Contains("・2月18日（木）13:30　ワークショップ1（本庁舎 5階）：職員 C、職員 D\n", rendered["body"]);
    }

    [Fact]
    public async Task Parsed_templates_are_cached_until_a_save_changes_the_revision()
    {
        var first = await RenderAsync(TemplateKeys.MailDueSoon, "ja", DueSoonModel());
        var again = await RenderAsync(TemplateKeys.MailDueSoon, "ja", DueSoonModel());
        var compiled = await Factory.WithScopeAsync(async sp =>
        {
            var renderer = sp.GetRequiredService<TemplateRenderer>();
            return (await renderer.LoadAsync(TemplateKeys.MailDueSoon, "ja", default), await renderer.LoadAsync(TemplateKeys.MailDueSoon, "ja", default));
        });

        Assert.Equal(first.Parts, again.Parts);
        Assert.Same(compiled.Item1, compiled.Item2); // parsed once, not per mail
    }
}
