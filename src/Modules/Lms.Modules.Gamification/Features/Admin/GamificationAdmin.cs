using System.Text;
using Lms.Framework.Security;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Admin.Badges;
using Lms.Modules.Gamification.Features.Admin.Bulk;
using Lms.Modules.Gamification.Features.Admin.Challenges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.Admin;

/// <summary>The admin (CMS) side of the game: badges, bulk awards, points and levels, department challenges.</summary>
internal static class GamificationAdmin
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddScoped<BadgeAdmin>();
        services.AddScoped<BadgeHolders>();
        services.AddScoped<BulkAwards>();
        services.AddScoped<ChallengeEditor>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // The editor's live preview: the image a palette, an icon and a word would give, before anything is saved.
        endpoints.MapGet("/admin/badges/preview.svg", (string? palette, string? icon, string? label, string? name, HttpContext http) =>
        {
            var word = string.IsNullOrWhiteSpace(label) ? (name ?? "").Trim() : label.Trim();
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            http.Response.Headers.CacheControl = "private, max-age=60";
            return Results.Text(BadgeArt.Svg(palette ?? "", icon ?? "", word.Length > 4 ? word[..4] : word), BadgeImages.Svg, Encoding.UTF8);
        }).RequireAuthorization(Permissions.ManageBadges.Name);

        // A file to start from for bulk awards: the heading Excel needs, UTF-8 with a byte order mark so Excel reads it as such.
        endpoints.MapGet("/admin/badges/bulk-template.csv", () =>
            Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("職員番号\r\n")).ToArray(), "text/csv; charset=utf-8", "employee-numbers.csv"))
            .RequireAuthorization(Permissions.ManageBadges.Name);
    }
}
