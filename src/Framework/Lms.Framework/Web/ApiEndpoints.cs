using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Framework.Web;

public static class ApiEndpoints
{
    /// <summary>
    /// The <c>/api/v1</c> group every module maps its API under: validation failures become a
    /// localised 400 problem+json; endpoints still need their own authorization (or the fallback).
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints, string tag)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGroup("/api/v1")
            .WithTags(tag)
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (ValidationException e)
                {
                    await ErrorResponses.WriteValidationProblemAsync(context.HttpContext, e);
                    return Results.Empty;
                }
            });
    }

    /// <summary>A problem+json result with the caller's-language title for the status and a detail.</summary>
    public static IResult Problem(int status, string? detail = null) => Results.Problem(statusCode: status, detail: detail);
}
