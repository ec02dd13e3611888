using System.Security.Claims;
using Lms.Modules.Organization.Features.GetMe;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Infrastructure;

internal static class TestQueries
{
    /// <summary>What /api/v1/me would say of this account, straight from the handler.</summary>
    public static async Task<GetMe.Me> GetMeAsync(this IServiceProvider services, string userName)
    {
        var users = services.GetRequiredService<UserManager<LmsUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<LmsUser>>().CreateAsync(user);
        return await services.GetRequiredService<IMediator>().Send(new GetMe.Query(principal)) ?? throw new InvalidOperationException();
    }

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}
