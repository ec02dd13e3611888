using System.Globalization;
using System.Net;
using FluentValidation;
using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Features.ManageOrgUnits;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

public sealed class OrgChartAdminTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    /// <summary>As the request-localisation middleware sets it (async-local: set in the test itself).</summary>
    private static void Japanese() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

    private Task<Guid> UnitAsync(string path) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().OrgUnits.Where(u => u.Path == path).Select(u => u.Id).SingleAsync());

    private Task<List<string>> PathsUnderAsync(string prefix) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().OrgUnits.Where(u => u.Path.StartsWith(prefix)).Select(u => u.Path).OrderBy(p => p).ToListAsync());

    private Task SendAsync(IRequest<Unit> command) => Factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(command));

    [Fact]
    public async Task Renaming_a_unit_renames_the_paths_of_everything_below_it_and_is_audited()
    {
        var section = await UnitAsync("企画部/デジタル推進課");

        await SendAsync(new ManageOrgUnits.Rename(section, "DX推進課"));

        Assert.Empty(await PathsUnderAsync("企画部/デジタル推進課"));
        Assert.Contains("企画部/DX推進課/業務改革係", await PathsUnderAsync("企画部/DX推進課"));
        Assert.True(await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().AuditEntries.AnyAsync(a => a.Action == "unit.renamed" && a.Summary.Contains("DX推進課"))));
    }

    [Fact]
    public async Task A_unit_moves_with_its_subtree_but_never_below_itself()
    {
        Japanese();
        var section = await UnitAsync("企画部/デジタル推進課");
        var team = await UnitAsync("企画部/デジタル推進課/業務改革係");
        var department = await UnitAsync("総務部");

        var e = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ManageOrgUnits.Move(section, team)));
        Assert.Contains("下にある所属", e.Errors.Single().ErrorMessage);

        await SendAsync(new ManageOrgUnits.Move(section, department));

        Assert.Contains("総務部/デジタル推進課/業務改革係", await PathsUnderAsync("総務部/デジタル推進課"));
    }

    [Fact]
    public async Task Merging_moves_people_units_and_managers_into_the_target_and_removes_the_source()
    {
        var source = await UnitAsync("企画部/デジタル推進課");
        var target = await UnitAsync("企画部/政策推進課");
        var (manager, staff) = await Factory.WithScopeAsync(async sp => ((await sp.GetMeAsync("demo-manager")).StaffId!.Value, (await sp.GetMeAsync("demo-staff")).StaffId!.Value));

        await SendAsync(new ManageOrgUnits.Merge(source, target));

        Assert.Empty(await PathsUnderAsync("企画部/デジタル推進課"));
        Assert.Contains("企画部/政策推進課/業務改革係", await PathsUnderAsync("企画部/政策推進課"));
        var team = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(manager)));
        Assert.Contains(staff, team); // demo-manager now manages the merged section, demo-staff still in scope
        Assert.NotEmpty(Factory.Events.Of<StaffChanged>());
    }

    [Fact]
    public async Task Setting_managers_grants_and_removes_the_Manager_role()
    {
        Japanese();
        var section = await UnitAsync("企画部/デジタル推進課");
        var staffNumber = (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"))).EmployeeNumber!;

        await SendAsync(new ManageOrgUnits.SetManagers(section, [staffNumber]));

        Assert.Contains("Manager", (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"))).Roles);
        Assert.DoesNotContain("Manager", (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-manager"))).Roles);

        var e = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ManageOrgUnits.SetManagers(section, ["nobody-999"])));
        Assert.Contains("在籍中の職員", e.Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task Admins_rename_a_unit_from_the_org_chart_screen_and_managers_may_not()
    {
        var section = await UnitAsync("企画部/デジタル推進課");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await SiteClient.PostFormAsync(admin, $"/admin/org-units/{section}?handler=Rename", new() { ["name"] = "デジタル戦略課" }, formPage: $"/admin/org-units/{section}");
        Assert.Contains("保存しました。", await response.Content.ReadAsStringAsync());
        Assert.Single(await PathsUnderAsync("企画部/デジタル戦略課"), p => p == "企画部/デジタル戦略課");

        var bad = await SiteClient.PostFormAsync(admin, $"/admin/org-units/{section}?handler=Rename", new() { ["name"] = "a/b" }, formPage: $"/admin/org-units/{section}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("スラッシュ", await bad.Content.ReadAsStringAsync());

        var audit = await admin.GetStringAsync("/admin/audit?type=unit");
        Assert.Contains("unit.renamed", audit);
        Assert.Contains("demo-admin", audit);

        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/admin/org-units/{section}")).StatusCode);
    }
}
