using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Framework.Web;

/// <summary>problem+json in the caller's language (titles filled in by <see cref="ProblemLocalization"/>).</summary>
public static class ErrorResponses
{
    public static Task WriteProblemAsync(HttpContext context, int status, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    /// <summary>
    /// problem+json whatever the client accepts: the built-in writers decline a request that accepts only
    /// text/html (a browser opening an API address), and an API must still answer as an API.
    /// </summary>
    private static async Task WriteAsync(ProblemDetailsContext problem)
    {
        var services = problem.HttpContext.RequestServices;
        if (await services.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem))
        {
            return;
        }

        services.GetService<Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions>>()?.Value.CustomizeProblemDetails?.Invoke(problem);
        await problem.HttpContext.Response.WriteAsJsonAsync(problem.ProblemDetails, problem.ProblemDetails.GetType(), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static Task WriteValidationProblemAsync(HttpContext context, ValidationException validation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(validation);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<FrameworkStrings>>();
        var errors = validation.Errors
            .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "" : char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..])
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        return WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = localizer["The request is not valid"],
                Detail = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
            },
        });
    }
}
