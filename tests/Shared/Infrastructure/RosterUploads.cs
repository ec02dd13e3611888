using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lms.Tests.Infrastructure;

/// <summary>Roster files through the HR API, as an integration would send them.</summary>
public static class RosterUploads
{
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string? mode = null, string? encoding = null, string fileName = "roster.csv")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        if (mode is not null)
        {
            form.Add(new StringContent(mode), "mode");
        }

        if (encoding is not null)
        {
            form.Add(new StringContent(encoding), "encoding");
        }

        return await client.PostAsync("/api/v1/admin/roster-imports", form);
    }

    /// <summary>Uploads, then waits for the background job and returns the import's final JSON.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string? mode = null, string? encoding = null)
    {
        var response = await UploadAsync(client, file, mode, encoding);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/admin/roster-imports/{id}", response.Headers.Location?.OriginalString);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/admin/roster-imports/{id}")).RootElement;
            if (status.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish within 30 s.");
    }
}
