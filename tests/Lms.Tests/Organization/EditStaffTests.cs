using System.Globalization;
using System.Net;
using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Features.EditStaff;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

public sealed class EditStaffTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    private static EditStaff.Command From(StaffMember s, Func<EditStaff.Command, EditStaff.Command>? change = null)
    {
        var command = new EditStaff.Command(s.Id, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana, s.Email, s.OrgUnitId,
            s.Tier.ToApiValue(), s.JobTitle, s.BirthYear?.ToString(CultureInfo.InvariantCulture), s.IsActive, [], []);
        return change is null ? command : change(command);
    }

    private Task<StaffMember> StaffAsync(string userName) => Factory.WithScopeAsync(async sp =>
    {
        var me = await sp.GetMeAsync(userName);
        return await sp.GetRequiredService<OrganizationDbContext>().Staff.AsNoTracking().SingleAsync(s => s.Id == me.StaffId);
    });

    [Fact]
    public async Task Bad_input_is_refused_with_Japanese_reasons_and_nothing_changes()
    {
        var staff = await StaffAsync("demo-staff");
        var other = await StaffAsync("demo-manager");

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP"); // as the request-localisation middleware sets it
        var e = await Assert.ThrowsAsync<ValidationException>(() => Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(
            From(staff, c => c with { FamilyName = "", GivenNameKana = "たろう", Email = other.Email, Tier = "boss", OrgUnitId = Guid.NewGuid(), BirthYear = "昭和60年" }))));

        var messages = e.Errors.Select(x => x.ErrorMessage).ToList();
        Assert.Contains("氏を入力してください。", messages);
        Assert.Contains("カナはカタカナで入力してください。", messages);
        Assert.Contains("このメールアドレスは別の職員が使用しています。", messages);
        Assert.Contains("職層を選んでください。", messages);
        Assert.Contains("所属を選んでください。", messages);
        Assert.Contains("生年は西暦の4桁で入力してください（例: 1985）。和暦（昭和60年など）は使えません。", messages);
        Assert.Equal(staff.FamilyName, (await StaffAsync("demo-staff")).FamilyName);
        Assert.Empty(Factory.Events.Of<StaffChanged>());
    }

    [Fact]
    public async Task The_year_of_birth_is_saved_cleared_and_bounded_without_telling_other_modules()
    {
        var staff = await StaffAsync("demo-staff");
        var send = (Func<EditStaff.Command, Task<bool>>)(c => Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(c)));

        await send(From(staff, c => c with { BirthYear = "１９９２年" }));
        Assert.Equal(1992, (await StaffAsync("demo-staff")).BirthYear);

        var latest = DateTimeOffset.UtcNow.Year - 15;
        var e = await Assert.ThrowsAsync<ValidationException>(() => send(From(staff, c => c with { BirthYear = (latest + 1).ToString(CultureInfo.InvariantCulture) })));
        Assert.Contains(latest.ToString(CultureInfo.InvariantCulture), Assert.Single(e.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1992, (await StaffAsync("demo-staff")).BirthYear);

        await send(From(staff, c => c with { BirthYear = " " }));
        Assert.Null((await StaffAsync("demo-staff")).BirthYear);
        Assert.Empty(Factory.Events.Of<StaffChanged>()); // nobody's courses depend on it
    }

    [Fact]
    public async Task A_move_is_saved_and_published_once_after_the_save()
    {
        var staff = await StaffAsync("demo-staff");
        var target = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().OrgUnits.Where(u => u.Name == "市民課").Select(u => u.Id).SingleAsync());

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(From(staff, c => c with { OrgUnitId = target, Tier = "manager" })));

        var saved = await StaffAsync("demo-staff");
        Assert.Equal(target, saved.OrgUnitId);
        Assert.Equal(StaffTier.Manager, saved.Tier);
        var published = Assert.Single(Factory.Events.Of<StaffChanged>());
        Assert.Equal(new StaffChanged(staff.Id, target, StaffTier.Manager, true), published);
    }

    [Fact]
    public async Task A_deactivated_person_can_no_longer_sign_in()
    {
        var staff = await StaffAsync("demo-staff");

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(From(staff, c => c with { IsActive = false })));

        var client = SiteClient.Create(Factory);
        var response = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = SiteClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("このアカウントではサインインできません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admins_edit_staff_through_the_Japanese_screen()
    {
        var staff = await StaffAsync("demo-staff");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var form = await admin.GetStringAsync($"/admin/staff/{staff.Id}");
        Assert.Contains("職員情報の編集", form);
        Assert.Contains($"name=\"Form.BirthYear\" value=\"{staff.BirthYear}\"", form);

        var response = await SiteClient.PostFormAsync(admin, $"/admin/staff/{staff.Id}", new()
        {
            ["Form.FamilyName"] = staff.FamilyName, ["Form.GivenName"] = "新名", ["Form.FamilyNameKana"] = staff.FamilyNameKana,
            ["Form.GivenNameKana"] = "シンメイ", ["Form.Email"] = staff.Email!, ["Form.OrgUnitId"] = staff.OrgUnitId.ToString(),
            ["Form.Tier"] = "general", ["Form.JobTitle"] = "主任", ["Form.BirthYear"] = "1990", ["Form.IsActive"] = "true", ["Form.Roles"] = "Facilitator",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("保存しました。", StringComparison.Ordinal), System.Text.RegularExpressions.Regex.Match(html, "<main.*?</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"));
        Assert.Equal("新名", me.GivenName);
        Assert.Equal(["Facilitator", "Staff"], me.Roles);
        Assert.Equal(1990, (await StaffAsync("demo-staff")).BirthYear);
    }

    [Fact]
    public async Task A_deactivated_persons_bearer_token_stops_working()
    {
        var staff = await StaffAsync("demo-staff");
        var client = Factory.CreateClient().Bearer(await SiteClient.TokenAsync(Factory.CreateClient(), "demo-staff"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(From(staff, c => c with { IsActive = false })));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_removed_or_deactivated()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        var admin = await StaffAsync("demo-admin");

        foreach (var change in new Func<EditStaff.Command, EditStaff.Command>[] { c => c with { Roles = [] }, c => c with { IsActive = false, Roles = ["Admin"] } })
        {
            var e = await Assert.ThrowsAsync<ValidationException>(() => Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(From(admin, change))));
            Assert.Contains("最後の有効な管理者", e.Errors.Single().ErrorMessage);
        }

        Assert.Contains("Admin", (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-admin"))).Roles);
    }

    [Fact]
    public async Task Editing_people_without_AssignRoles_leaves_their_roles_alone()
    {
        // An HR clerk role: may edit staff, may not hand out roles.
        await Factory.Services.GetRequiredService<Lms.Framework.Recipes.RecipeRunner>().RunAsync("""
            {"name": "hr", "steps": [{"name": "roles", "roles": [{"name": "Manager", "permissions": ["AccessAdminArea", "ViewOrganization", "ManageOrganization"]}]}]}
            """, "hr.recipe.json", null, default);
        var staff = await StaffAsync("demo-staff");
        var clerk = await SiteClient.SignInAsync(Factory, "demo-manager");

        var response = await SiteClient.PostFormAsync(clerk, $"/admin/staff/{staff.Id}", new()
        {
            ["Form.FamilyName"] = staff.FamilyName, ["Form.GivenName"] = staff.GivenName, ["Form.FamilyNameKana"] = staff.FamilyNameKana,
            ["Form.GivenNameKana"] = staff.GivenNameKana, ["Form.Email"] = staff.Email!, ["Form.OrgUnitId"] = staff.OrgUnitId.ToString(),
            ["Form.Tier"] = "general", ["Form.JobTitle"] = "主任", ["Form.IsActive"] = "true", ["Form.Roles"] = "Admin",
        });

        Assert.Contains("保存しました。", await response.Content.ReadAsStringAsync());
        var me = await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"));
        Assert.Equal("主任", me.JobTitle);
        Assert.Equal(["Staff"], me.Roles);
    }

    [Fact]
    public async Task The_staff_list_pages_through_everyone()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var first = await admin.GetStringAsync("/admin/staff");
        var second = await admin.GetStringAsync("/admin/staff?active=true&p=2");

        Assert.Contains("ページ中 1 ページ目", first); // 120 seeded staff: 3 pages of 50
        Assert.Contains("ページ中 2 ページ目", second);
        Assert.Contains("p=2", first);
        var numbers = System.Text.RegularExpressions.Regex.Matches(second, "<td>([0-9]{6})</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.DoesNotContain($"<td>{n}</td>", first));
    }

    [Fact]
    public async Task Managers_cannot_open_the_staff_screens()
    {
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/admin/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/admin/org-units")).StatusCode);
    }

    [Fact]
    public async Task The_org_chart_and_staff_list_show_the_city()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var chart = await admin.GetStringAsync("/admin/org-units");
        Assert.Contains("企画部", chart);
        Assert.Contains("デジタル推進課", chart);

        var list = await admin.GetStringAsync("/admin/staff?tier=manager");
        Assert.Contains("人が見つかりました", list);
        Assert.Contains("管理職", list);
    }
}
