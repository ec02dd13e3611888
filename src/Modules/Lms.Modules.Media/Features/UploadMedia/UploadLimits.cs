using Lms.Framework.Web;
using Lms.Modules.Media.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Media.Features.UploadMedia;

/// <summary>
/// Kestrel's and the form reader's own limits would answer an oversized upload with a bare 413 or an
/// error page. For the two upload addresses this reads the form itself, within room for the configured
/// number of files at the configured size, and answers "too large" in the user's language: a problem for
/// the API, the upload page with a message for the browser. Runs after authorization, so only people who
/// may upload get their bodies read.
/// </summary>
internal static class UploadLimits
{
    public const string PagePath = "/admin/media";
    public const string ApiPath = "/api/v1/admin/media";
    public const string TooLargeQuery = "refused=too-large";

    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var isApi = path.Equals(ApiPath, StringComparison.OrdinalIgnoreCase) || path.Equals(ApiPath + "/", StringComparison.OrdinalIgnoreCase);
        if (!HttpMethods.IsPost(context.Request.Method) || !(isApi || path.Equals(PagePath, StringComparison.OrdinalIgnoreCase)) || !context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptionsSnapshot<MediaOptions>>().Value;
        var max = options.MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = max;
        }

        if (context.Request.ContentLength > max)
        {
            await TooLargeAsync(context, options, isApi);
            return;
        }

        try
        {
            await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max, MultipartBoundaryLengthLimit = 128 }, context.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            await TooLargeAsync(context, options, isApi);
            return;
        }

        await next(context);
    });

    private static async Task TooLargeAsync(HttpContext context, MediaOptions options, bool isApi)
    {
        if (isApi)
        {
            var T = context.RequestServices.GetRequiredService<IStringLocalizer<MediaStrings>>();
            await ErrorResponses.WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge,
                T["The upload is too large. Each file can be up to {0} MB, and at most {1} files can be sent at once.", options.MaxUploadMegabytes, options.MaxFilesPerUpload]);
            return;
        }

        // The page shows the message (a POST cannot be answered with the page itself before its form is read).
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = PagePath + "?" + TooLargeQuery;
    }
}
