using Lms.Framework.Modules;
using Microsoft.AspNetCore.Http;

namespace Lms.Framework.Web;

/// <summary>Which theme lays out a page: the admin theme under /admin, the staff theme elsewhere.</summary>
public sealed class ThemeLayout(ModuleCatalog catalog)
{
    private readonly string staffLayout = catalog.EnabledFeatures.Select(f => f.Module.Theme).FirstOrDefault(t => t is { IsAdminTheme: false })?.Layout ?? "_StaffLayout";
    private readonly string adminLayout = catalog.EnabledFeatures.Select(f => f.Module.Theme).FirstOrDefault(t => t is { IsAdminTheme: true })?.Layout ?? "_StaffLayout";

    public string For(HttpContext context) => IsAdminPath(context.Request.Path) ? adminLayout : staffLayout;

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
}
