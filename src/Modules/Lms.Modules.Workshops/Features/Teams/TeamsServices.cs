using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>Services and endpoints of the teams use cases (called from the module's Startup).</summary>
internal static class TeamsServices
{
    public static void Add(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
