using FluentValidation;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Framework.Features.Error;

/// <summary>
/// Where exceptions and empty error responses are re-executed. API callers get problem+json,
/// people get this page in their language. Answers every method, since re-execution keeps it.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    /// <summary>The id of the failed request (also its <c>X-Request-Id</c> header and its log lines' TraceId).</summary>
    public string RequestId { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(int? code) => HandleAsync(code);

    public Task<IActionResult> OnPostAsync(int? code) => HandleAsync(code);

    public Task<IActionResult> OnPutAsync(int? code) => HandleAsync(code);

    public Task<IActionResult> OnDeleteAsync(int? code) => HandleAsync(code);

    public Task<IActionResult> OnPatchAsync(int? code) => HandleAsync(code);

    private async Task<IActionResult> HandleAsync(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reExecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var originalPath = exception?.Path ?? reExecute?.OriginalPath ?? Request.Path.Value ?? "/";
        Code = code ?? StatusCodes.Status500InternalServerError;
        if (exception?.Error is ValidationException validation)
        {
            Code = StatusCodes.Status400BadRequest;
            if (IsApi(originalPath))
            {
                await ErrorResponses.WriteValidationProblemAsync(HttpContext, validation);
                return new EmptyResult();
            }
        }

        if (IsApi(originalPath))
        {
            await ErrorResponses.WriteProblemAsync(HttpContext, Code);
            return new EmptyResult();
        }

        (Title, Message) = Code switch
        {
            400 => ("The request is not valid", "Check what you entered and try again."),
            401 => ("Sign-in is required", "Please sign in to continue."),
            403 => ("Not allowed", "Your account does not have permission to open this page. If you need it, ask your system administrator."),
            404 => ("Page not found", "The page may have moved, or the address may be mistyped."),
            429 => ("Too many requests", "Wait a moment and try again."),
            _ => ("Something went wrong on the server", "The error has been logged. Try again later."),
        };
        RequestId = Observability.RequestIds.Of(HttpContext);
        Response.StatusCode = Code;
        return Page();
    }

    private static bool IsApi(string path) => new PathString(path).IsApi();
}
