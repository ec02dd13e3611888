using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Lms.Framework.Web;

/// <summary>Titles of problem+json responses in the caller's language, by status code.</summary>
internal static class ProblemLocalization
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var localizer = context.HttpContext.RequestServices.GetService(typeof(IStringLocalizer<FrameworkStrings>)) as IStringLocalizer<FrameworkStrings>;
        if (localizer is null)
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("The request is not valid", "Check the fields named in the errors and send it again."),
            StatusCodes.Status401Unauthorized => ("Sign-in is required", "Send a valid access token (Authorization: Bearer ...) or sign in."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your account does not have permission for this."),
            StatusCodes.Status404NotFound => ("Not found", "Nothing exists at this address, or you may not see it."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", "This address does not accept this HTTP method."),
            StatusCodes.Status409Conflict => ("Conflict", "Someone else changed this at the same time. Reload and try again."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type", "Send the body as application/json."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a moment and try again."),
            >= 500 => ("Something went wrong on the server", "The error has been logged. Try again later."),
            _ => (null, null),
        };

        // Handlers that set their own localised title/detail keep them; defaults are replaced.
        if (title is not null && (problem.Title is null || IsFrameworkDefaultTitle(problem.Title)))
        {
            problem.Title = localizer[title];
        }

        if (detail is not null && problem.Detail is null)
        {
            problem.Detail = localizer[detail];
        }

        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    private static bool IsFrameworkDefaultTitle(string title) => title is
        "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Conflict"
        or "Unsupported Media Type" or "Too Many Requests" or "An error occurred while processing your request."
        or "One or more validation errors occurred.";
}
