using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>Open Badges export (2.0 hosted assertions, 3.0 signed credentials, baked images): one place to add and map it.</summary>
internal static class OpenBadgesServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<OpenBadgeFactsReader>();
        services.AddScoped<SigningKeyStore>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => OpenBadgesEndpoints.Map(endpoints);
}
