using System.Net;
using System.Text;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Media.MediaSamples;

namespace Lms.Tests.Media;

/// <summary>The type comes from the bytes; anything else, anything broken and anything too large is refused and leaves nothing behind.</summary>
public sealed class MediaUploadTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    [Fact]
    public async Task Given_a_PNG_named_pdf_When_uploaded_Then_it_is_stored_as_a_PNG_with_a_png_extension()
    {
        var client = await ApiAsync(Factory);

        var response = await UploadAsync(client, Png, "scan.pdf", alt: "青い点", contentType: "application/pdf");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await JsonAsync(response);
        Assert.Equal("image/png", json.GetProperty("contentType").GetString());
        Assert.Equal("image", json.GetProperty("kind").GetString());
        Assert.Equal("scan.png", json.GetProperty("fileName").GetString());
        Assert.Equal("青い点", json.GetProperty("alt").GetString());
        Assert.Equal(1, json.GetProperty("width").GetInt32());
        Assert.Equal(Png.Length, json.GetProperty("size").GetInt64());
        var url = json.GetProperty("url").GetString()!;
        Assert.EndsWith("/scan.png", url);
        Assert.Equal($"/api/v1/admin/media/{json.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        var served = await client.GetAsync(url);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("jpeg", "photo.JPEG", "photo.jpeg", "image/jpeg", 3, 2)]
    [InlineData("jpeg", "photo.png", "photo.jpg", "image/jpeg", 3, 2)]
    [InlineData("webp", "イラスト.webp", "イラスト.webp", "image/webp", 3, 2)]
    [InlineData("pdf", "研修資料", "研修資料.pdf", "application/pdf", null, null)]
    public async Task Each_accepted_type_is_recognised_from_its_bytes(string sample, string uploadedName, string storedName, string contentType, int? width, int? height)
    {
        var bytes = sample switch { "jpeg" => Jpeg, "webp" => WebP, _ => Pdf };

        var json = await JsonAsync(await UploadAsync(await ApiAsync(Factory), bytes, uploadedName));

        Assert.Equal(storedName, json.GetProperty("fileName").GetString());
        Assert.Equal(contentType, json.GetProperty("contentType").GetString());
        Assert.Equal(width, json.GetProperty("width").ValueKind == System.Text.Json.JsonValueKind.Null ? null : json.GetProperty("width").GetInt32());
        Assert.Equal(height, json.GetProperty("height").ValueKind == System.Text.Json.JsonValueKind.Null ? null : json.GetProperty("height").GetInt32());
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "HTML named .png", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "photo.png" },
        { "XHTML named .png", Encoding.UTF8.GetBytes("<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>"), "photo.png" },
        { "ZIP named .pdf", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 1, 2, 3, 4], "report.pdf" },
        { "EXE named .jpg", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF], "cat.jpg" },
        { "EXE", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "setup.exe" },
        { "empty", [], "empty.png" },
        { "truncated PNG", Png[..20], "cut.png" },
        { "PNG cut before its end", Png[..^5], "cut.png" },
        { "truncated JPEG", Jpeg[..12], "cut.jpg" },
        { "truncated WebP", WebP[..16], "cut.webp" },
        { "PDF without its end", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj"), "cut.pdf" },
        { "SVG with an XHTML root", Encoding.UTF8.GetBytes("<svg:html xmlns:svg=\"http://www.w3.org/1999/xhtml\"/>"), "a.svg" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Disguised_unknown_empty_or_truncated_files_are_refused_with_a_message_and_nothing_is_stored(string what, byte[] bytes, string fileName)
    {
        var response = await UploadAsync(await ApiAsync(Factory), bytes, fileName);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(Path.GetFileNameWithoutExtension(fileName), detail);
        Assert.Matches("アップロードできません|空のファイル|壊れている|使用できません", detail);
        Assert.Equal(0, await RowCountAsync(Factory));
        Assert.Empty(StoredFiles(Factory));
    }

    [Fact]
    public async Task An_HTML_file_named_png_is_called_disguised()
    {
        var response = await UploadAsync(await ApiAsync(Factory), Encoding.UTF8.GetBytes("<html><body>hi</body></html>"), "photo.png");

        Assert.Equal("photo.png はアップロードできません。名前は .png ですが、中身がPNG・JPEG・WebP・SVG・PDFのいずれでもありません。", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Given_a_small_limit_When_a_larger_file_is_uploaded_Then_it_is_refused_naming_the_limit_and_nothing_is_stored() =>
        await WithLimitsAsync(Factory, 1024 * 1024, 10, async () =>
        {
            var tooLarge = Png.Concat(new byte[1024 * 1024]).ToArray();

            var response = await UploadAsync(await ApiAsync(Factory), tooLarge, "big.png");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("上限の 1 MB を超えています", (await JsonAsync(response)).GetProperty("detail").GetString());
            Assert.Equal(0, await RowCountAsync(Factory));
            Assert.Empty(StoredFiles(Factory));
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(await ApiAsync(Factory), Png, "small.png")).StatusCode);
        });

    [Fact]
    public async Task Given_a_small_limit_When_too_large_a_file_is_uploaded_through_the_page_Then_the_page_says_so() =>
        await WithLimitsAsync(Factory, 1024 * 1024, 10, async () =>
        {
            var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
            var token = SiteClient.AntiforgeryToken(await admin.GetStringAsync("/admin/media"));
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Png.Concat(new byte[1024 * 1024]).ToArray()), "files", "big.png" } };

            var response = await admin.PostAsync("/admin/media", form);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("big.png は、アップロードできる上限の 1 MB を超えています", await admin.GetStringAsync(response.Headers.Location!.OriginalString));
            Assert.Equal(0, await RowCountAsync(Factory));
            Assert.Empty(StoredFiles(Factory));
        });

    [Fact]
    public async Task A_request_larger_than_the_whole_upload_allowance_gets_a_clear_413_not_a_bare_one() =>
        await WithLimitsAsync(Factory, 512 * 1024, 1, async () =>
        {
            var response = await UploadAsync(await ApiAsync(Factory), new byte[2 * 1024 * 1024], "huge.png");
            var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
            var token = SiteClient.AntiforgeryToken(await admin.GetStringAsync("/admin/media"));
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(new byte[2 * 1024 * 1024]), "files", "huge.png" } };
            var page = await admin.PostAsync("/admin/media", form);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("1ファイル0.5 MBまで", (await JsonAsync(response)).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
            Assert.Contains("1ファイル0.5 MBまで", await admin.GetStringAsync(page.Headers.Location!.OriginalString));
            Assert.Equal(0, await RowCountAsync(Factory));
        });

    [Fact]
    public async Task File_names_lose_paths_control_characters_and_markup_and_stay_within_200_characters()
    {
        var client = await ApiAsync(Factory);

        var traversal = await JsonAsync(await UploadAsync(client, Png, "..\\..\\etc/<script>alert(1)<\u002Fscript>\u202Egnp.exe\u0007.png"));
        var longName = await JsonAsync(await UploadAsync(client, Png, new string('長', 300) + ".png"));

        var name = traversal.GetProperty("fileName").GetString()!;
        // Path parts, markup, the right-to-left override and the bell are gone (ordinal: culture-aware search ignores U+202E).
        Assert.Equal("script_gnp.exe.png", name, StringComparer.Ordinal);
        Assert.Equal(200, longName.GetProperty("fileName").GetString()!.Length);
    }
}
