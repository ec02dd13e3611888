using System.Net;
using System.Net.Http.Headers;
using Lms.Contracts.Media;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Media.MediaSamples;

namespace Lms.Tests.Media;

/// <summary>The admin pages and the API: who may use them, uploading through the form, and deleting only what nothing uses.</summary>
public sealed class MediaAdminTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    private static async Task<HttpResponseMessage> PostFilesAsync(HttpClient client, params (byte[] Bytes, string Name)[] files)
    {
        var token = SiteClient.AntiforgeryToken(await client.GetStringAsync("/admin/media"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (bytes, name) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }

        return await client.PostAsync("/admin/media", form);
    }

    [Fact]
    public async Task Staff_may_not_upload_or_open_the_library()
    {
        var staff = await ApiAsync(Factory, "demo-staff");
        var signedIn = await SiteClient.SignInAsync(Factory, "demo-staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(staff, Png, "dot.png")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/admin/media")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.DeleteAsync($"/api/v1/admin/media/{Guid.CreateVersion7()}")).StatusCode);
        var page = await signedIn.GetAsync("/admin/media");
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden || page.Headers.Location?.OriginalString.Contains("denied", StringComparison.OrdinalIgnoreCase) == true, page.StatusCode.ToString());
        Assert.Equal(0, await RowCountAsync(Factory));
    }

    [Fact]
    public async Task An_admin_uploads_several_files_through_the_page_and_sees_which_were_refused()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await PostFilesAsync(admin, (Png, "dot.png"), (Pdf, "資料.pdf"), ("<html>"u8.ToArray(), "<b>fake</b>.png"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("2件のファイルをアップロードしました", page);
        Assert.Contains("アップロードされなかったファイルがあります", page);
        Assert.Contains("dot.png", page);
        Assert.Contains("資料.pdf", page);
        Assert.DoesNotContain("<b>fake", page);
        Assert.Equal(2, await RowCountAsync(Factory));
        Assert.Equal(2, StoredFiles(Factory).Count);
        Assert.Contains("メディアライブラリ", page);
    }

    [Fact]
    public async Task The_list_filters_by_kind_and_name_and_pages()
    {
        var client = await ApiAsync(Factory);
        await UploadAsync(client, Png, "赤い丸.png", alt: "赤い丸");
        await UploadAsync(client, Jpeg, "写真.jpg");
        await UploadAsync(client, Pdf, "手引き.pdf");

        var images = await JsonAsync(await client.GetAsync("/api/v1/admin/media?kind=image"));
        var search = await JsonAsync(await client.GetAsync("/api/v1/admin/media?q=" + Uri.EscapeDataString("赤い")));
        var paged = await JsonAsync(await client.GetAsync("/api/v1/admin/media?pageSize=2&page=2"));

        Assert.Equal(2, images.GetProperty("totalCount").GetInt32());
        Assert.All(images.GetProperty("items").EnumerateArray(), i => Assert.Equal("image", i.GetProperty("kind").GetString()));
        Assert.Equal("赤い丸.png", search.GetProperty("items").EnumerateArray().Single().GetProperty("fileName").GetString());
        Assert.Equal(2, paged.GetProperty("pageCount").GetInt32());
        Assert.Equal("赤い丸.png", paged.GetProperty("items").EnumerateArray().Single().GetProperty("fileName").GetString()); // oldest last
        var html = await (await SiteClient.SignInAsync(Factory, "demo-admin")).GetStringAsync("/admin/media?kind=pdf");
        Assert.Contains("手引き.pdf", html);
        Assert.DoesNotContain("写真.jpg", html);
    }

    [Fact]
    public async Task The_detail_page_shows_the_URL_and_Markdown_and_saves_the_alternative_text()
    {
        var file = await JsonAsync(await UploadAsync(await ApiAsync(Factory), Png, "map.png"));
        var id = file.GetProperty("id").GetGuid();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var saved = await SiteClient.PostFormAsync(admin, $"/admin/media/{id}?handler=Alt", new() { ["Alt"] = "庁舎の案内図 [1階]" }, $"/admin/media/{id}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetStringAsync($"/admin/media/{id}");
        Assert.Contains($"/media/{id}/map.png", page);
        Assert.Contains("![庁舎の案内図 \\[1階\\]](/media/" + id + "/map.png)", System.Net.WebUtility.HtmlDecode(page));
        Assert.Contains("代替テキストを保存しました", page);
        Assert.Contains("どこにも使われていません", page);
    }

    [Fact]
    public async Task A_file_in_use_is_not_deleted_and_its_usages_are_listed()
    {
        var client = await ApiAsync(Factory);
        var id = (await JsonAsync(await UploadAsync(client, Png, "logo.png"))).GetProperty("id").GetGuid();
        Factory.MediaUsages.Add(id, new MediaUsage("コース", "DX入門 › 第1章", "/admin/courses/1", Published: true));

        var api = await client.DeleteAsync($"/api/v1/admin/media/{id}");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var detail = await admin.GetStringAsync($"/admin/media/{id}");
        var page = await SiteClient.PostFormAsync(admin, $"/admin/media/{id}?handler=Delete", new(), $"/admin/media/{id}");

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var problem = await JsonAsync(api);
        Assert.Contains("使用中", problem.GetProperty("detail").GetString());
        Assert.Equal("DX入門 › 第1章", problem.GetProperty("usages")[0].GetProperty("description").GetString());
        Assert.Contains("DX入門 › 第1章", detail);
        Assert.Contains("1か所で使われているため削除できません", detail);
        Assert.DoesNotContain("?handler=Delete", detail);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("使用中のため削除しませんでした", await page.Content.ReadAsStringAsync());
        Assert.Equal(1, await RowCountAsync(Factory));
        Assert.Single(StoredFiles(Factory));
    }

    [Fact]
    public async Task An_unused_file_is_deleted_after_confirmation_and_disappears_from_disk()
    {
        var client = await ApiAsync(Factory);
        var first = (await JsonAsync(await UploadAsync(client, Png, "a.png"))).GetProperty("id").GetGuid();
        var second = (await JsonAsync(await UploadAsync(client, Pdf, "b.pdf"))).GetProperty("id").GetGuid();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var confirm = await admin.GetStringAsync($"/admin/media/{first}?delete=true");
        var deleted = await SiteClient.PostFormAsync(admin, $"/admin/media/{first}?handler=Delete", new(), $"/admin/media/{first}?delete=true");
        var api = await client.DeleteAsync($"/api/v1/admin/media/{second}");

        Assert.Contains("完全に削除しますか", confirm);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, api.StatusCode);
        Assert.Equal(0, await RowCountAsync(Factory));
        Assert.Empty(StoredFiles(Factory));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{first}/a.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/admin/media/{second}")).StatusCode);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "files", "dot.png" } };

        var response = await admin.PostAsync("/admin/media", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await RowCountAsync(Factory));
    }
}
