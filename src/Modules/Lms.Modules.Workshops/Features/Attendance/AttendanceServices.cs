using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>Services and endpoints of the attendance use cases (called from the module's Startup).</summary>
internal static class AttendanceServices
{
    public static void Add(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
