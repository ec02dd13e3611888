using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>Services and endpoints of the teams use cases (called from the module's Startup).</summary>
internal static class TeamsServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<TeamLookup>();
        services.AddScoped<TeamRoster>();
        services.AddScoped<TeamSaver>();
        services.AddScoped<TeamSheets>();
        services.AddScoped<ArtefactStore>();
    }

    /// <summary>The teams pages are Razor pages (mapped with all pages); no endpoints of their own yet.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
