using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lms.Modules.Media.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Media;

/// <summary>Small files of each kind, made here byte by byte, and helpers to upload them.</summary>
internal static class MediaSamples
{
    /// <summary>A real 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The segments a JPEG reader needs up to its frame header: 3×2 pixels.</summary>
    public static byte[] Jpeg { get; } =
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xD9,
    ];

    /// <summary>A lossless WebP header for 3×2 pixels.</summary>
    public static byte[] WebP { get; } = MakeWebP(3, 2);

    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Svg(string body) => Encoding.UTF8.GetBytes(body);

    private static byte[] MakeWebP(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        var payload = new List<byte>();
        payload.AddRange("VP8L"u8.ToArray());
        payload.AddRange(BitConverter.GetBytes(6));
        payload.Add(0x2F);
        payload.AddRange(BitConverter.GetBytes(bits));
        payload.Add(0);
        var file = new List<byte>();
        file.AddRange("RIFF"u8.ToArray());
        file.AddRange(BitConverter.GetBytes(payload.Count + 4));
        file.AddRange("WEBP"u8.ToArray());
        file.AddRange(payload);
        return [.. file];
    }

    public static async Task<HttpClient> ApiAsync(LmsAppFactory factory, string userName = "demo-admin")
    {
        var client = factory.CreateClient();
        return client.Bearer(await SiteClient.TokenAsync(factory.CreateClient(), userName));
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string? alt = null, string contentType = "application/octet-stream")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(content, "file", fileName);
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }

        return await client.PostAsync("/api/v1/admin/media", form);
    }

    /// <summary>
    /// Runs <paramref name="test"/> with other upload limits (read per request), then puts the defaults back.
    /// Setting a key to null would not do: null is then the configured value.
    /// </summary>
    public static async Task WithLimitsAsync(LmsAppFactory factory, long maxUploadBytes, int maxFilesPerUpload, Func<Task> test)
    {
        var configuration = factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["Lms:Media:MaxUploadBytes"] = maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Lms:Media:MaxFilesPerUpload"] = maxFilesPerUpload.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await test();
        }
        finally
        {
            configuration["Lms:Media:MaxUploadBytes"] = (20 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
            configuration["Lms:Media:MaxFilesPerUpload"] = "10";
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static Task<int> RowCountAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<MediaDbContext>().Files.CountAsync());

    /// <summary>Stored files (not the temporary folder).</summary>
    public static IReadOnlyList<string> StoredFiles(LmsAppFactory factory) =>
        Directory.Exists(factory.MediaDirectory)
            ? Directory.EnumerateFiles(factory.MediaDirectory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.tmp/", StringComparison.Ordinal)).ToList()
            : [];
}
