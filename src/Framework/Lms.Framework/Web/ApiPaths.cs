using Microsoft.AspNetCore.Http;

namespace Lms.Framework.Web;

/// <summary>The one rule for "is this an API call?": everything under /api answers in problem+json.</summary>
public static class ApiPaths
{
    public static bool IsApi(this PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsApi(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.IsApi();
    }
}
