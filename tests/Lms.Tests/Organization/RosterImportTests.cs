using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Infrastructure.RosterUploads;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

public sealed class RosterImportTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Header = "職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,管理所属,在籍";

    private static readonly string[] City =
    [
        "X100001,山田,一郎,ヤマダ,イチロウ,ichiro.yamada@test-city.example.jp,検証部,幹部職,検証部,1",
        "X100002,佐藤,花子,サトウ,ハナコ,hanako.sato@test-city.example.jp,検証部/人事課,管理職,検証部/人事課,1",
        "X100003,鈴木,次郎,スズキ,ジロウ,jiro.suzuki@test-city.example.jp,検証部/人事課/人事係,一般職,,1",
        "X100004,高橋,三郎,タカハシ,サブロウ,saburo.takahashi@test-city.example.jp,検証部/人事課/人事係,一般職,,1",
        "X100005,田中,美咲,タナカ,ミサキ,misaki.tanaka@test-city.example.jp,窓口部/市民課,管理職,窓口部/市民課,1",
        "X100006,伊藤,健,イトウ,ケン,ken.ito@test-city.example.jp,窓口部/市民課/住民記録係,一般職,,1",
    ];

    private static byte[] Csv(IEnumerable<string> rows, Encoding? encoding = null, string header = Header)
    {
        var text = string.Join("\r\n", rows.Prepend(header)) + "\r\n";
        return encoding is null ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : encoding.GetBytes(text);
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        await Factory.SeedDemoAsync();
        return Factory.CreateClient().Bearer(await SiteClient.TokenAsync(Factory.CreateClient(), "demo-admin"));
    }

    /// <summary>The city with a 生年 column holding <paramref name="years"/> (by row; missing ones blank).</summary>
    private static byte[] CsvWithBirthYears(params string[] years) =>
        Csv(City.Select((row, i) => row + "," + (i < years.Length ? years[i] : "")), header: Header + ",生年");

    private Task<Dictionary<string, int?>> BirthYearsAsync() => Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff
        .Where(s => s.EmployeeNumber.StartsWith("X1000")).ToDictionaryAsync(s => s.EmployeeNumber, s => s.BirthYear));

    private Task<int> StaffCountAsync() => Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.CountAsync());

    [Fact]
    public async Task A_good_file_creates_staff_units_managers_and_accounts()
    {
        var client = await AdminApiAsync();
        var before = await StaffCountAsync();

        var result = await ImportAsync(client, Csv(City));

        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal(6, result.GetProperty("created").GetInt32());
        Assert.Equal(6, result.GetProperty("totalRows").GetInt32());
        Assert.Equal(6, result.GetProperty("processedRows").GetInt32());
        Assert.Equal(before + 6, await StaffCountAsync());
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            Assert.True(await db.OrgUnits.AnyAsync(u => u.Path == "検証部/人事課/人事係" && u.Name == "人事係"));
            var sato = await db.Staff.SingleAsync(s => s.EmployeeNumber == "X100002");
            Assert.Equal(StaffTier.Manager, sato.Tier);
            Assert.True(await db.Users.AnyAsync(u => u.StaffId == sato.Id && u.UserName == "X100002" && u.PasswordHash == null));
            var team = await sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(sato.Id));
            Assert.Equal(2, team.Count); // 鈴木 and 高橋 in 人事係, below 人事課
            return true;
        });
        Assert.Equal(6, Factory.Events.Of<StaffRegistered>().Count(e => e.EmployeeNumber.StartsWith("X1000", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time_and_says_so()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        var events = Factory.Events.All.Count;

        var second = await ImportAsync(client, Csv(City));

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(6, second.GetProperty("unchanged").GetInt32());
        Assert.Contains("変更はありません", second.GetProperty("message").GetString());
        Assert.Equal(events, Factory.Events.All.Count);
    }

    [Fact]
    public async Task A_bad_file_reports_every_problem_in_Japanese_and_imports_nothing()
    {
        var client = await AdminApiAsync();
        var before = await StaffCountAsync();
        string[] rows =
        [
            .. City[..3],
            "X100007,中村,,ナカムラ,サトシ,bad-address,検証部/人事課,部長,,1",
            "X100001,重複,太郎,チョウフク,タロウ,dup@test-city.example.jp,検証部,一般職,,1",
        ];

        var result = await ImportAsync(client, Csv(rows));

        Assert.Equal("failed", result.GetProperty("status").GetString());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 4, result.ToString());
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}", e.GetProperty("message").GetString()));
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 5 && e.GetProperty("column").GetString() == "名");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 5 && e.GetProperty("column").GetString() == "職層");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 5 && e.GetProperty("column").GetString() == "メールアドレス");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 6 && e.GetProperty("column").GetString() == "職員番号");
        Assert.Equal(before, await StaffCountAsync());
    }

    [Fact]
    public async Task An_email_that_belongs_to_someone_else_is_refused()
    {
        var client = await AdminApiAsync();
        var demoStaffEmail = (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-staff"))).Email;
        var before = await StaffCountAsync();

        var result = await ImportAsync(client, Csv([$"X100009,木村,聡,キムラ,サトシ,{demoStaffEmail},検証部,一般職,,1"]));

        Assert.Equal("failed", result.GetProperty("status").GetString());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("メールアドレス", error.GetProperty("column").GetString());
        Assert.Contains(demoStaffEmail!, error.GetProperty("message").GetString());
        Assert.Equal(before, await StaffCountAsync());
    }

    [Fact]
    public async Task Shift_JIS_files_are_detected_and_imported()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var client = await AdminApiAsync();

        var result = await ImportAsync(client, Csv(City, Encoding.GetEncoding(932)));

        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal("Shift_JIS", result.GetProperty("encoding").GetString());
        Assert.Equal("一郎", await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.Where(s => s.EmployeeNumber == "X100001").Select(s => s.GivenName).SingleAsync()));
    }

    [Fact]
    public async Task Years_of_birth_are_imported_left_alone_without_their_column_and_cleared_by_a_blank_cell()
    {
        var client = await AdminApiAsync();

        var first = await ImportAsync(client, CsvWithBirthYears("1968", "", "１９９５年", "1990"));

        Assert.True(first.GetProperty("status").GetString() == "succeeded", first.ToString());
        var years = await BirthYearsAsync();
        Assert.Equal([1968, null, 1995, 1990, null, null], years.OrderBy(y => y.Key, StringComparer.Ordinal).Select(y => y.Value));

        var without = await ImportAsync(client, Csv(City));

        Assert.Equal(6, without.GetProperty("unchanged").GetInt32());
        Assert.Equal(years, await BirthYearsAsync());

        var cleared = await ImportAsync(client, CsvWithBirthYears("", "", "1995", "1991"));

        Assert.Equal(2, cleared.GetProperty("updated").GetInt32());
        Assert.Equal(4, cleared.GetProperty("unchanged").GetInt32());
        years = await BirthYearsAsync();
        Assert.Equal([null, null, 1995, 1991, null, null], years.OrderBy(y => y.Key, StringComparer.Ordinal).Select(y => y.Value));
        Assert.Empty(Factory.Events.Of<StaffChanged>()); // nobody's courses depend on it

        var profile = await Factory.WithScopeAsync(async sp =>
        {
            var id = await sp.GetRequiredService<OrganizationDbContext>().Staff.Where(s => s.EmployeeNumber == "X100003").Select(s => s.Id).SingleAsync();
            return Assert.Single(await sp.GetRequiredService<IMediator>().Send(new GetStaffProfiles([id])));
        });
        Assert.Equal(1995, profile.BirthYear);
    }

    [Fact]
    public async Task A_bad_year_of_birth_is_refused_with_a_Japanese_reason_and_nothing_changes()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, CsvWithBirthYears("1968", "1975"));
        var latest = DateTimeOffset.UtcNow.Year - 15;

        var result = await ImportAsync(client, Csv(
            City.Select((row, i) => (i == 0 ? row.Replace("一郎", "一朗", StringComparison.Ordinal) : row) + "," + i switch { 1 => "昭和50年", 2 => (latest + 1).ToString(CultureInfo.InvariantCulture), _ => "" }),
            header: Header + ",生年"));

        Assert.Equal("failed", result.GetProperty("status").GetString());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [(3, "生年", "生年は西暦の4桁で入力してください（例: 1985）。和暦（昭和60年など）は使えません。"), (4, "生年", $"生年は1940年から{latest}年までの西暦で入力してください。")],
            errors);
        var years = await BirthYearsAsync();
        Assert.Equal([1968, 1975, null, null, null, null], years.OrderBy(y => y.Key, StringComparer.Ordinal).Select(y => y.Value));
        Assert.Equal("一郎", await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.Where(s => s.EmployeeNumber == "X100001").Select(s => s.GivenName).SingleAsync()));
    }

    [Theory]
    [InlineData("roster-sample.csv")]
    [InlineData("roster-sample-sjis.csv")]
    public async Task The_sample_files_in_the_repository_import_cleanly(string sample)
    {
        var client = await AdminApiAsync();

        var result = await ImportAsync(client, await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot(), "samples", sample)));

        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.ToString());
        Assert.True(result.GetProperty("created").GetInt32() > 10);
    }

    [Fact]
    public async Task A_full_import_deactivates_people_missing_from_the_file_and_keeps_their_records()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        var demoCount = await StaffCountAsync() - City.Length;

        // The HR system's whole staff: the demo city (to keep the admin) minus 100004, plus everyone else.
        var demo = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.AsNoTracking().Where(s => !s.EmployeeNumber.StartsWith("X1000")).ToListAsync());
        var paths = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().OrgUnits.ToDictionaryAsync(u => u.Id, u => u.Path));
        // The demo managers keep the units they manage.
        var managed = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            return (await db.UnitManagers.ToListAsync()).ToLookup(m => m.StaffId, m => paths[m.OrgUnitId]);
        });
        string[] everyone = [.. demo.Select(s => string.Join(',', s.EmployeeNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana, s.Email, paths[s.OrgUnitId], s.Tier.ToApiValue(), string.Join(';', managed[s.Id]), "1"))
            .Concat(City.Where(r => !r.StartsWith("X100004", StringComparison.Ordinal)))];

        var result = await ImportAsync(client, Csv(everyone), mode: "full");

        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.ToString());
        Assert.Equal(1, result.GetProperty("deactivated").GetInt32());
        Assert.Equal(demoCount + City.Length - 1, result.GetProperty("unchanged").GetInt32());
        var takahashi = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.SingleAsync(s => s.EmployeeNumber == "X100004"));
        Assert.False(takahashi.IsActive); // deactivated, never deleted
        Assert.Contains(Factory.Events.Of<StaffChanged>(), e => e.StaffId == takahashi.Id && !e.IsActive);
    }

    [Fact]
    public async Task A_move_between_units_changes_which_manager_sees_the_person()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        var (sato, tanaka, suzuki) = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            var ids = await db.Staff.Where(s => s.EmployeeNumber == "X100002" || s.EmployeeNumber == "X100005" || s.EmployeeNumber == "X100003").ToDictionaryAsync(s => s.EmployeeNumber, s => s.Id);
            return (ids["X100002"], ids["X100005"], ids["X100003"]);
        });

        string[] moved = [.. City.Select(r => r.StartsWith("X100003", StringComparison.Ordinal) ? r.Replace("検証部/人事課/人事係", "窓口部/市民課/住民記録係", StringComparison.Ordinal) : r)];
        var result = await ImportAsync(client, Csv(moved));

        Assert.Equal(1, result.GetProperty("moved").GetInt32());
        var (satoTeam, tanakaTeam) = await Factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            return (await mediator.Send(new GetTeamMembers(sato)), await mediator.Send(new GetTeamMembers(tanaka)));
        });
        Assert.DoesNotContain(suzuki, satoTeam);
        Assert.Contains(suzuki, tanakaTeam);
    }

    [Fact]
    public async Task Two_people_can_swap_e_mail_addresses_in_one_file()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        string[] swapped = [.. City.Select(r => r.StartsWith("X100003", StringComparison.Ordinal) ? r.Replace("jiro.suzuki", "saburo.takahashi", StringComparison.Ordinal)
            : r.StartsWith("X100004", StringComparison.Ordinal) ? r.Replace("saburo.takahashi", "jiro.suzuki", StringComparison.Ordinal) : r)];

        var result = await ImportAsync(client, Csv(swapped));

        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.ToString());
        Assert.Equal(2, result.GetProperty("updated").GetInt32());
        var email = await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().Staff.Where(s => s.EmployeeNumber == "X100003").Select(s => s.Email).SingleAsync());
        Assert.Equal("saburo.takahashi@test-city.example.jp", email);
    }

    [Fact]
    public async Task An_e_mail_address_removed_in_the_file_is_removed_from_the_person_and_their_account()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        string[] withoutEmail = [.. City.Select(r => r.StartsWith("X100003", StringComparison.Ordinal) ? r.Replace("jiro.suzuki@test-city.example.jp", "", StringComparison.Ordinal) : r)];

        var result = await ImportAsync(client, Csv(withoutEmail));

        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.ToString());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        var (staffEmail, accountEmail) = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            var suzuki = await db.Staff.SingleAsync(s => s.EmployeeNumber == "X100003");
            return (suzuki.Email, (await db.Users.SingleAsync(u => u.StaffId == suzuki.Id)).Email);
        });
        Assert.Null(staffEmail);
        Assert.Null(accountEmail);
    }

    [Fact]
    public async Task A_person_who_leaves_stops_managing_their_units()
    {
        var client = await AdminApiAsync();
        await ImportAsync(client, Csv(City));
        string[] left = [.. City.Select(r => r.StartsWith("X100002", StringComparison.Ordinal) ? r[..^1] + "0" : r)];

        var result = await ImportAsync(client, Csv(left));

        Assert.Equal(1, result.GetProperty("deactivated").GetInt32());
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            var sato = await db.Staff.SingleAsync(s => s.EmployeeNumber == "X100002");
            Assert.False(await db.UnitManagers.AnyAsync(m => m.StaffId == sato.Id));
            var user = await db.Users.SingleAsync(u => u.StaffId == sato.Id);
            Assert.False(await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Lms.Modules.Organization.Identity.LmsUser>>().IsInRoleAsync(user, "Manager"));
            Assert.Empty(await sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(sato.Id)));
            return true;
        });
    }

    [Fact]
    public async Task An_import_cannot_deactivate_every_administrator()
    {
        var client = await AdminApiAsync();

        var result = await ImportAsync(client, Csv(City), mode: "full");

        Assert.Equal("failed", result.GetProperty("status").GetString());
        Assert.Contains("管理者", result.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("Admin", (await Factory.WithScopeAsync(sp => sp.GetMeAsync("demo-admin"))).Roles);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_may_import_or_read_the_roster()
    {
        await Factory.SeedDemoAsync();
        var manager = Factory.CreateClient().Bearer(await SiteClient.TokenAsync(Factory.CreateClient(), "demo-manager"));

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(manager, Csv(City))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/org-units")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/v1/admin/staff")).StatusCode);
        Assert.Equal(0, await Factory.WithScopeAsync(sp => sp.GetRequiredService<OrganizationDbContext>().RosterImports.CountAsync()));
    }

    [Fact]
    public async Task The_staff_and_org_unit_apis_filter_page_and_count()
    {
        var client = await AdminApiAsync();

        var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/admin/staff?orgUnit=" + Uri.EscapeDataString("企画部/デジタル推進課") + "&pageSize=5&page=2")).RootElement;
        Assert.True(page.GetProperty("total").GetInt32() >= 9);
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("企画部/デジタル推進課", i.GetProperty("orgUnitPath").GetString()));

        var managers = JsonDocument.Parse(await client.GetStringAsync("/api/v1/admin/staff?tier=manager&active=true")).RootElement;
        Assert.All(managers.GetProperty("items").EnumerateArray(), i => Assert.Equal("manager", i.GetProperty("tier").GetString()));

        var units = JsonDocument.Parse(await client.GetStringAsync("/api/v1/admin/org-units")).RootElement.EnumerateArray().ToList();
        var digital = units.Single(u => u.GetProperty("path").GetString() == "企画部/デジタル推進課");
        Assert.Equal(units.Single(u => u.GetProperty("path").GetString() == "企画部").GetProperty("id").GetGuid(), digital.GetProperty("parentId").GetGuid());
        Assert.Single(digital.GetProperty("managers").EnumerateArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/admin/staff?tier=boss")).StatusCode);
    }

    [Fact]
    public async Task The_export_reimports_without_changes()
    {
        var client = await AdminApiAsync();

        var response = await client.GetAsync("/api/v1/admin/roster.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,生年,管理所属,在籍\r\n", text);
        var staff = await Factory.WithScopeAsync(async sp =>
        {
            var me = await sp.GetMeAsync("demo-staff");
            return await sp.GetRequiredService<OrganizationDbContext>().Staff.SingleAsync(s => s.Id == me.StaffId);
        });
        Assert.NotNull(staff.BirthYear);
        var line = Assert.Single(text.Split("\r\n"), l => l.StartsWith(staff.EmployeeNumber + ",", StringComparison.Ordinal));
        Assert.Contains($",一般職,{staff.BirthYear},", line);
        var result = await ImportAsync(client, bytes, mode: "full");
        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.ToString());
        Assert.Equal(result.GetProperty("totalRows").GetInt32(), result.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task The_import_screen_uploads_and_shows_the_outcome_in_Japanese()
    {
        await Factory.SeedDemoAsync();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await admin.GetStringAsync("/admin/roster-imports");
        Assert.Contains("名簿の取り込み", page);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(SiteClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("partial"), "Mode" },
            { new StringContent("auto"), "Encoding" },
            { new ByteArrayContent(Csv(City)), "File", "roster.csv" },
        };
        var response = await admin.PostAsync("/admin/roster-imports", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var resultPage = "";
        for (var attempt = 0; attempt < 300 && !resultPage.Contains("取り込みました", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            resultPage = await admin.GetStringAsync(response.Headers.Location!.OriginalString);
        }

        Assert.Contains("取り込みました", resultPage);
        Assert.Contains("<th scope=\"row\">新規</th><td>6</td>", resultPage);
        Assert.Contains("roster.imported", await admin.GetStringAsync("/admin/audit"));
    }
}
