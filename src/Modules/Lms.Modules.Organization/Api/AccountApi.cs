using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Organization.Features.GetMe;
using Lms.Modules.Organization.Features.IssueToken;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Api;

internal static class AccountApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Account");

        api.MapPost("/auth/token", async (IssueToken.Command command, IMediator mediator, IStringLocalizer<OrganizationStrings> T, CancellationToken ct) =>
            {
                var result = await mediator.Send(command, ct);
                if (result.Token is { } token)
                {
                    return Results.Ok(new { accessToken = token.AccessToken, expiresAt = token.ExpiresAt });
                }

                return ApiEndpoints.Problem(StatusCodes.Status401Unauthorized, result.LockedOut
                    ? T["Too many failed attempts. This account is locked for a while; try again later or ask the system administrator."]
                    : T["The user name or the password is not correct."]);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithName("IssueToken")
            .WithSummary("Exchange a user name (employee number or e-mail) and password for a bearer token.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem();

        api.MapGet("/me", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var me = await mediator.Send(new GetMe.Query(http.User), ct);
                return me is null ? ApiEndpoints.Problem(StatusCodes.Status401Unauthorized) : Results.Ok(me);
            })
            .RequireAuthorization()
            .WithName("GetMe")
            .WithSummary("The signed-in person: employee number, names, e-mail, tier, org unit and roles.")
            .Produces<GetMe.Me>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
