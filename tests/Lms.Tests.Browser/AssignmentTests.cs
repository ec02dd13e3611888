using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AssignmentTests(BrowserFixture fixture)
{
    [BrowserTest]
    public async Task Demo_admin_assigns_a_course_to_an_org_unit_with_a_due_date()
    {
        var page = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/assignments");
        Assert.Contains("全職員", await page.Locator("table").InnerTextAsync()); // the Step-0 core, assigned on first start

        await page.GetByLabel("コース").SelectOptionAsync(new SelectOptionValue { Label = "管理職コース：変化を担う人を支える" });
        await page.GetByLabel("所属", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("所属（所属に割り当てる場合）").SelectOptionAsync(new SelectOptionValue { Label = "企画部 › デジタル推進課" });
        await page.GetByLabel("期限（任意）").FillAsync("2027-03-31");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-assignments.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "割り当てる" }).ClickAsync();

        await page.GetByText("コースを割り当てました。").WaitForAsync();
        Assert.Contains("企画部/デジタル推進課（下位の所属を含む）", await page.Locator("table").InnerTextAsync());
        Assert.Contains("2027/03/31", await page.Locator("table").InnerTextAsync());
    }
}
