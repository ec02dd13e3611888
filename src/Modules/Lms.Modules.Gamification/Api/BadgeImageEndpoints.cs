using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Api;

internal static class BadgeImageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Public: Open Badges verifiers and pages a holder shared load badge images without signing in.
        endpoints.MapGet("/badges/{badgeId:guid}/image", async (Guid badgeId, GamificationDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var badge = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == badgeId, cancellationToken);
            if (badge is null)
            {
                return Results.NotFound();
            }

            var (type, bytes) = BadgeImages.Of(badge);
            // An uploaded SVG is checked for script at upload; this is the second wall.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(bytes, type, lastModified: badge.UpdatedAt);
        }).AllowAnonymous().WithName("BadgeImage");
    }
}
