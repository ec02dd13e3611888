using System.Net;
using AngleSharp.Html.Parser;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Teams;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Workshops;

/// <summary>
/// Teams of a session and their artefacts through the pages: the facilitator forms teams; the team's members
/// and facilitators (nobody else) edit the templates, with stale revisions refused; the printout shows the
/// work as text.
/// </summary>
public sealed class TeamsTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Guid session;
    private Guid me;
    private IReadOnlyList<Guid> seated = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
        session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(3));
        me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        seated = [me, .. (await WorkshopFixture.LearnersAsync(Factory)).Where(id => id != me).Take(7)];
        foreach (var id in seated)
        {
            var result = await WorkshopFixture.RegisterAsync(Factory, session, id);
            Assert.True(result.Succeeded, result.Message);
        }
    }

    private Task<SaveTeamsResult> SaveTeamsAsync(params Guid[][] teams) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<TeamSaver>().SaveAsync(session,
            new TeamsInput(teams.SelectMany((members, i) => members.Select(m => (m, i + 1))).ToDictionary(x => x.m, x => x.Item2), new Dictionary<int, string?>()),
            null, CancellationToken.None));

    private Task<List<Team>> TeamsAsync() =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<WorkshopsDbContext>().Teams.AsNoTracking().Include(t => t.Members)
            .Where(t => t.SessionId == session).OrderBy(t => t.Number).ToListAsync());

    private Task<Artefact?> ArtefactAsync(Guid teamId, ArtefactKind kind) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<WorkshopsDbContext>().Artefacts.AsNoTracking().FirstOrDefaultAsync(a => a.TeamId == teamId && a.Kind == kind));

    /// <summary>demo-staff and three others in team 1, the other four in team 2.</summary>
    private async Task<(Guid Mine, Guid Other)> TwoTeamsAsync()
    {
        await SaveTeamsAsync([.. seated.Take(4)], [.. seated.Skip(4)]);
        var teams = await TeamsAsync();
        return (teams[0].Id, teams[1].Id);
    }

    private static Dictionary<string, string> Persona(string who, int revision = 0) => new()
    {
        ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Persona.Who"] = who,
        ["Persona.Situation"] = "転入してきたばかりで、手続きの順番が分からない",
        ["Persona.Needs"] = "",
        ["Persona.Pains"] = "",
    };

    [Fact]
    public async Task The_facilitator_suggests_teams_and_saves_them_as_adjusted()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var page = await admin.GetAsync($"/facilitate/sessions/{session}/teams?split=count:2");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var proposal = seated.ToDictionary(id => id, id => document.QuerySelector($"select[name='assign[{id}]'] option[selected]")?.GetAttribute("value"));
        Assert.All(proposal.Values, v => Assert.Contains(v, new[] { "1", "2" }));
        Assert.Equal(4, proposal.Values.Count(v => v == "1"));
        Assert.Empty(await TeamsAsync()); // a suggestion saves nothing

        // The facilitator moves one person into a third team and renames team 1.
        var fields = proposal.ToDictionary(p => $"assign[{p.Key}]", p => p.Value!);
        fields[$"assign[{seated[0]}]"] = "3";
        fields["names[1]"] = "  窓口チーム ";
        fields["names[2]"] = "";
        var saved = await SiteClient.PostFormAsync(admin, $"/facilitate/sessions/{session}/teams", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var teams = await TeamsAsync();
        Assert.Equal(["窓口チーム", "チーム2", "チーム3"], teams.Select(t => t.Name));
        Assert.Equal(seated.Order(), teams.SelectMany(t => t.Members.Select(m => m.StaffId)).Order());
        Assert.Equal([seated[0]], teams[2].Members.Select(m => m.StaffId));
        var confirmation = await admin.GetStringAsync($"/facilitate/sessions/{session}/teams");
        Assert.Contains("チームを保存しました（3チーム、8人）。", confirmation);
    }

    [Fact]
    public async Task Saving_teams_again_keeps_team_ids_and_keeps_an_emptied_team_that_has_work()
    {
        var (first, second) = await TwoTeamsAsync();
        await SaveTeamsAsync([.. seated.Take(2)], [.. seated.Skip(2).Take(2)], [.. seated.Skip(4)]);
        var third = (await TeamsAsync())[2].Id;
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(staff, $"/workshops/teams/{first}?handler=Persona", Persona("72歳の一人暮らしの女性"), $"/workshops/teams/{first}")).StatusCode);

        // Everyone into team 2: team 1 has work and stays (empty), team 3 has none and goes.
        var result = await SaveTeamsAsync([], [.. seated]);

        Assert.True(result.Saved);
        Assert.Equal(1, result.KeptEmpty);
        var teams = await TeamsAsync();
        Assert.Equal([first, second], teams.Select(t => t.Id));
        Assert.Empty(teams[0].Members);
        Assert.Equal(8, teams[1].Members.Count);
        Assert.DoesNotContain(third, teams.Select(t => t.Id));
        Assert.NotNull(await ArtefactAsync(first, ArtefactKind.Persona));
    }

    [Fact]
    public async Task Staff_cannot_open_the_facilitators_team_pages()
    {
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/facilitate/sessions/{session}/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/facilitate/sessions/{session}/teams/print")).StatusCode);
    }

    [Fact]
    public async Task A_team_member_edits_the_teams_persona_and_sees_who_saved_it()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var response = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Persona", Persona("  72歳の一人暮らしの女性  "), $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await ArtefactAsync(mine, ArtefactKind.Persona);
        Assert.NotNull(saved);
        Assert.Equal(1, saved.Revision);
        Assert.Equal(me, saved.UpdatedBy);
        Assert.Equal("72歳の一人暮らしの女性", ArtefactContentOf<PersonaContent>(saved).Who);
        var page = await staff.GetStringAsync($"/workshops/teams/{mine}");
        Assert.Contains("ペルソナを保存しました。", page);
        Assert.Contains("最終保存：", page);
    }

    [Fact]
    public async Task A_member_saves_a_journey_and_insights_and_blank_rows_are_left_out()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var journey = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Journey", new()
        {
            ["revision"] = "0",
            ["Journey.Stages[0].Name"] = "知る", ["Journey.Stages[0].Actions"] = "広報誌を見る", ["Journey.Stages[0].Feelings"] = "", ["Journey.Stages[0].PainPoints"] = "",
            ["Journey.Stages[1].Name"] = "", ["Journey.Stages[1].Actions"] = "", ["Journey.Stages[1].Feelings"] = "", ["Journey.Stages[1].PainPoints"] = "",
            ["Journey.Stages[2].Name"] = "申請する", ["Journey.Stages[2].Actions"] = "窓口に行く", ["Journey.Stages[2].Feelings"] = "不安", ["Journey.Stages[2].PainPoints"] = "待ち時間が長い",
        }, $"/workshops/teams/{mine}");
        var insights = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Insights", new()
        {
            ["revision"] = "0", ["Insights.Statements[0]"] = "", ["Insights.Statements[1]"] = "高齢の転入者は、一度で手続きを終えたい。",
        }, $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.Redirect, journey.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, insights.StatusCode);
        var stages = ArtefactContentOf<JourneyContent>((await ArtefactAsync(mine, ArtefactKind.Journey))!).Stages;
        Assert.Equal(["知る", "申請する"], stages.Select(s => s.Name));
        Assert.Equal(["高齢の転入者は、一度で手続きを終えたい。"], ArtefactContentOf<InsightsContent>((await ArtefactAsync(mine, ArtefactKind.Insights))!).Statements);
    }

    [Fact]
    public async Task Staff_outside_the_team_get_403_and_nothing_changes()
    {
        var (mine, other) = await TwoTeamsAsync();
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/workshops/teams/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/workshops/teams/{mine}/print")).StatusCode);
        var posted = await SiteClient.PostFormAsync(manager, $"/workshops/teams/{mine}?handler=Persona", Persona("書き換え"), "/");
        // A member of the session's other team is just as much an outsider.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/workshops/teams/{other}")).StatusCode);
        var postedByOtherTeam = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{other}?handler=Pitch", new() { ["revision"] = "0", ["Pitch.Idea"] = "書き換え" }, "/");

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, postedByOtherTeam.StatusCode);
        Assert.Null(await ArtefactAsync(mine, ArtefactKind.Persona));
        Assert.Null(await ArtefactAsync(other, ArtefactKind.Pitch));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/workshops/teams/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_facilitator_edits_a_team_they_are_not_in()
    {
        var (mine, _) = await TwoTeamsAsync();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, $"/workshops/teams/{mine}?handler=Pitch", new()
        {
            ["revision"] = "0", ["Pitch.Problem"] = "転入手続きで何度も窓口を回る", ["Pitch.Idea"] = "ワンストップ窓口", ["Pitch.FirstStep"] = "", ["Pitch.People"] = "市民課、情報システム課",
        }, $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pitch = ArtefactContentOf<PitchContent>((await ArtefactAsync(mine, ArtefactKind.Pitch))!);
        Assert.Equal("ワンストップ窓口", pitch.Idea);
        Assert.Null(pitch.FirstStep);
    }

    [Fact]
    public async Task A_stale_revision_is_refused_with_the_text_kept_and_nothing_overwritten()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        // Both opened the empty persona (revision 0); the facilitator saves first.
        Assert.Equal(HttpStatusCode.Redirect, (await SiteClient.PostFormAsync(admin, $"/workshops/teams/{mine}?handler=Persona", Persona("先に保存した人の文章"), $"/workshops/teams/{mine}")).StatusCode);

        var late = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Persona", Persona("後から保存した人の文章"), $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("上書きはしていません。あなたの入力内容は下のフォームに残っています。", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("後から保存した人の文章", document.QuerySelector("textarea[name='Persona.Who']")!.TextContent.Trim());
        Assert.Contains("先に保存した人の文章", document.QuerySelector(".artefact-theirs")!.TextContent);
        var saved = await ArtefactAsync(mine, ArtefactKind.Persona);
        Assert.Equal(1, saved!.Revision);
        Assert.Equal("先に保存した人の文章", ArtefactContentOf<PersonaContent>(saved).Who);
        // Saving again (the form now carries revision 1) is a choice made with both versions in view.
        Assert.Equal("1", document.QuerySelector("#persona input[name=revision]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_field_over_the_limit_is_refused_with_a_message_and_nothing_is_saved()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var response = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Persona", Persona(new string('あ', 2001)), $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("は2,000文字以内で入力してください（現在2001文字）。", await response.Content.ReadAsStringAsync());
        Assert.Null(await ArtefactAsync(mine, ArtefactKind.Persona));
    }

    [Fact]
    public async Task An_empty_form_saves_nothing()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var blank = Persona("   ");
        blank["Persona.Situation"] = "\r\n";

        var response = await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Persona", blank, $"/workshops/teams/{mine}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await ArtefactAsync(mine, ArtefactKind.Persona));
        Assert.Contains("入力がないため保存しませんでした。", await staff.GetStringAsync($"/workshops/teams/{mine}"));
    }

    [Fact]
    public async Task The_printout_shows_the_work_as_text_never_as_markup()
    {
        var (mine, _) = await TwoTeamsAsync();
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Persona", Persona("<script>alert(1)</script>72歳"), $"/workshops/teams/{mine}");
        await SiteClient.PostFormAsync(staff, $"/workshops/teams/{mine}?handler=Journey", new()
        {
            ["revision"] = "0", ["Journey.Stages[0].Name"] = "申請する", ["Journey.Stages[0].Actions"] = "窓口に行く", ["Journey.Stages[0].PainPoints"] = "<img src=x onerror=alert(1)>",
        }, $"/workshops/teams/{mine}");

        var response = await staff.GetAsync($"/workshops/teams/{mine}/print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains("<script>alert(1)</script>72歳", document.QuerySelector(".artefact-fields")!.TextContent);
        Assert.Equal("申請する", document.QuerySelector(".journey-table thead th")!.TextContent.Trim());
        Assert.Contains("<img src=x onerror=alert(1)>", document.QuerySelector(".journey-table tbody")!.TextContent);
        Assert.Contains("チーム1", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("teams.css", html); // the print stylesheet (A4, no navigation)

        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var all = new HtmlParser().ParseDocument(await admin.GetStringAsync($"/facilitate/sessions/{session}/teams/print"));
        Assert.Equal(["チーム1", "チーム2"], all.QuerySelectorAll(".team-sheet h2").Select(h => h.TextContent.Trim()).Where(t => t.StartsWith("チーム", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_person_finds_their_team_of_a_session()
    {
        var (mine, _) = await TwoTeamsAsync();

        var found = await Factory.WithScopeAsync(sp => sp.GetRequiredService<TeamLookup>().FindTeamAsync(session, me, CancellationToken.None));
        var stranger = await Factory.WithScopeAsync(sp => sp.GetRequiredService<TeamLookup>().FindTeamAsync(session, Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(mine, found?.Id);
        Assert.Equal($"/workshops/teams/{mine}", found?.Url);
        Assert.Null(stranger);
    }

    [Fact]
    public async Task Every_posting_form_of_the_teams_pages_has_an_action_and_a_token()
    {
        var (mine, _) = await TwoTeamsAsync();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var pages = new[] { $"/facilitate/sessions/{session}/teams", $"/facilitate/sessions/{session}/teams?split=auto", $"/workshops/teams/{mine}" };

        var (forms, problems) = await PostingForms.CheckAsync(pages.Select(p => (admin, p)));

        Assert.Empty(problems);
        Assert.True(forms >= 6, $"only {forms} forms checked"); // the page's six, and the layout's own
    }

    private static T ArtefactContentOf<T>(Artefact artefact) where T : ArtefactContent, new() =>
        new SavedArtefact(artefact.Kind, artefact.ContentJson, artefact.Revision, artefact.UpdatedAt, artefact.UpdatedBy).Content<T>();
}
