using System.Net;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Platform;

public sealed class SignInTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_Japanese_sign_in_page()
    {
        var client = SiteClient.Create(Factory);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/sign-in", home.Headers.Location!.PathAndQuery);

        var page = await client.GetStringAsync("/account/sign-in");
        Assert.Contains("<html lang=\"ja\">", page);
        Assert.Contains("<h1 id=\"sign-in-title\">サインイン</h1>", page);
        Assert.Contains("職員番号またはメールアドレス", page);
    }

    [Fact]
    public async Task Pages_stay_Japanese_for_a_browser_set_to_English_until_the_person_switches()
    {
        var client = SiteClient.Create(Factory, language: "en-US,en;q=0.9");

        var page = await client.GetStringAsync("/account/sign-in");

        Assert.Contains("<html lang=\"ja\">", page);
    }

    [Fact]
    public async Task The_English_switch_sticks_in_a_cookie()
    {
        var client = SiteClient.Create(Factory);

        var switched = await SiteClient.PostFormAsync(client, "/culture", new() { ["culture"] = "en", ["returnUrl"] = "/account/sign-in" }, formPage: "/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var page = await client.GetStringAsync("/account/sign-in");
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains(">Sign in</h1>", page);
        Assert.Contains("日本語", page); // the way back
    }

    [Theory]
    [InlineData("demo-staff")]
    [InlineData("demo-manager")]
    [InlineData("demo-admin")]
    public async Task Demo_accounts_sign_in_and_land_on_the_Japanese_home_page(string userName)
    {
        var client = await SiteClient.SignInAsync(Factory, userName);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("さん、ようこそ", html);
        Assert.Contains("サインアウト", html);
    }

    [Fact]
    public async Task Staff_can_also_sign_in_with_employee_number_or_email()
    {
        var (employeeNumber, email) = await Factory.WithScopeAsync(async sp =>
        {
            var me = await sp.GetMeAsync("demo-staff");
            return (me.EmployeeNumber!, me.Email!);
        });

        await SiteClient.SignInAsync(Factory, employeeNumber);
        await SiteClient.SignInAsync(Factory, email.ToUpperInvariant());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Japanese_message()
    {
        var client = SiteClient.Create(Factory);

        var response = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("パスワードが正しくありません", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var client = SiteClient.Create(Factory);
        for (var i = 0; i < 5; i++)
        {
            await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = "wrong-password" });
        }

        var response = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = SiteClient.DemoPassword });

        Assert.Equal((HttpStatusCode)423, response.StatusCode);
        Assert.Contains("ロックされています", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var response = await SiteClient.PostFormAsync(client, "/account/sign-out", [], formPage: "/account/sign-out");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Password_change_checks_the_rules_then_takes_the_new_password()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var weak = await SiteClient.PostFormAsync(client, "/account/password", new()
        {
            ["CurrentPassword"] = SiteClient.DemoPassword, ["NewPassword"] = "short", ["ConfirmPassword"] = "short",
        });
        Assert.Contains("短すぎます", await weak.Content.ReadAsStringAsync());

        var changed = await SiteClient.PostFormAsync(client, "/account/password", new()
        {
            ["CurrentPassword"] = SiteClient.DemoPassword, ["NewPassword"] = "Kawaru-2026?", ["ConfirmPassword"] = "Kawaru-2026?",
        });
        Assert.Contains("パスワードを変更しました", await changed.Content.ReadAsStringAsync());

        await SiteClient.SignInAsync(Factory, "demo-staff", "Kawaru-2026?");
    }
}
