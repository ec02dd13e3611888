using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>Services and endpoints of the attendance use cases (called from the module's Startup).</summary>
internal static class AttendanceServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<SessionRoster>();
        services.AddScoped<AttendanceBook>();
        services.AddScoped<WalkInFinder>();
        services.AddScoped<CheckInDesk>();
        services.AddScoped<SignOffDesk>();
        // One count of failed check-in attempts for the whole process (pages and API alike).
        services.AddSingleton<CheckInThrottle>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => AttendanceApi.Map(endpoints);
}
