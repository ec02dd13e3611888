using System.Text;
using System.Text.Json.Nodes;
using Lms.Framework.Settings;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// The Open Badges documents, open to anyone without signing in. They must be: a badge is verified by a
/// backpack, a wallet or an employer's tool on another site, which fetches the hosted assertion (2.0), the
/// badge class, the issuer and the public key (3.0) itself. What makes that safe: an award's address holds a
/// random GUID that only its holder (and the administrators) are given, so nobody can list or guess awards;
/// the person appears only as a salted hash of their e-mail address, never by name or staff id; and nothing
/// is served beyond what the standards require (no reason of a manual award, no other badge of the person).
/// </summary>
internal static class OpenBadgesEndpoints
{
    private const string Tag = "OpenBadges";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1(Tag).MapGroup("/badges").AllowAnonymous().AddEndpointFilter(AllowAnyOrigin);

        api.MapGet("/assertions/{id:guid}", async (Guid id, HttpContext http, OpenBadgeFactsReader reader, ISiteSettingsService settings, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                var award = await reader.AwardAsync(id, urls, ct);
                if (award is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No badge award has this id."]);
                }

                if (award.Revoked)
                {
                    return JsonLd(http, OpenBadges2Documents.Revoked(award, urls), StatusCodes.Status410Gone);
                }

                return OpenBadges2Documents.Assertion(award, urls) is { } assertion
                    ? JsonLd(http, assertion)
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["The holder of this badge has no e-mail address, so it cannot be exported as an Open Badges 2.0 assertion."]);
            })
            .WithName("GetOpenBadgeAssertion")
            .WithSummary("Open Badges 2.0 hosted Assertion of an award (JSON-LD). 410 with {revoked: true} once revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/assertions/{id:guid}/image", async (Guid id, HttpContext http, OpenBadgeFactsReader reader, GamificationDbContext db, ISiteSettingsService settings,
                IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                var award = await reader.AwardAsync(id, urls, ct);
                if (award is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No badge award has this id."]);
                }

                if (award.Revoked)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status410Gone, T["This badge was revoked."]);
                }

                if (OpenBadges2Documents.Assertion(award, urls) is not { } assertion)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["The holder of this badge has no e-mail address, so it cannot be exported as an Open Badges 2.0 assertion."]);
                }

                var badge = await db.Badges.AsNoTracking().FirstAsync(b => b.Id == award.Badge.Id, ct);
                var (type, bytes) = BadgeImages.Of(badge);
                var json = OpenBadgeJson.Write(assertion);
                var png = type == BadgeImages.Png && BadgeBaking.IsPng(bytes);
                byte[] baked;
                try
                {
                    baked = png ? BadgeBaking.BakePng(bytes, json) : BadgeBaking.BakeSvg(bytes, json, urls.Assertion(id));
                }
                catch (Exception e) when (e is FormatException or System.Xml.XmlException)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, T["The badge image could not be read, so the assertion cannot be baked into it."]);
                }

                // The same wall as the plain image: an uploaded SVG was checked for script, this is the second.
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
                http.Response.Headers.CacheControl = "no-cache";
                return Results.File(baked, png ? BadgeImages.Png : BadgeImages.Svg, $"badge-{id}.{(png ? "png" : "svg")}");
            })
            .WithName("GetBakedOpenBadge")
            .WithSummary("The badge image with the award's Open Badges 2.0 assertion baked in (PNG iTXt or SVG), as a download.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/classes/{badgeId:guid}", async (Guid badgeId, HttpContext http, OpenBadgeFactsReader reader, ISiteSettingsService settings, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                return await reader.BadgeAsync(badgeId, urls, ct) is { } badge
                    ? JsonLd(http, OpenBadges2Documents.BadgeClass(badge, urls), cache: "public, max-age=300")
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No badge has this id."]);
            })
            .WithName("GetOpenBadgeClass")
            .WithSummary("Open Badges 2.0 BadgeClass of a badge (JSON-LD); also the id of the 3.0 Achievement.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/issuer", async (HttpContext http, OpenBadgeFactsReader reader, ISiteSettingsService settings, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                return JsonLd(http, OpenBadges2Documents.Issuer(await reader.IssuerAsync(urls, ct), urls), cache: "public, max-age=300");
            })
            .WithName("GetOpenBadgeIssuer")
            .WithSummary("The issuer's Open Badges Profile (JSON-LD): the organisation's name and the site's address.");

        api.MapGet("/credentials/{id:guid}", async (Guid id, string? format, HttpContext http, OpenBadgeFactsReader reader, SigningKeyStore keys, ISiteSettingsService settings,
                IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                var award = await reader.AwardAsync(id, urls, ct);
                if (award is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No badge award has this id."]);
                }

                if (award.Revoked)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status410Gone, T["This badge was revoked."]);
                }

                var credential = OpenBadges3Credential.Build(award, urls);
                http.Response.Headers.CacheControl = "no-cache";
                if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Text(OpenBadgeJson.Write(credential), "application/json", Encoding.UTF8);
                }

                // application/vc+jwt: the media type VC-JOSE-COSE registers for exactly this, a VC 2.0 credential as a JWT.
                var token = CredentialSigner.Sign(credential, await keys.GetOrCreateAsync(ct), urls);
                return Results.Bytes(Encoding.ASCII.GetBytes(token), "application/vc+jwt");
            })
            .WithName("GetOpenBadgeCredential")
            .WithSummary("Open Badges 3.0 OpenBadgeCredential of an award as a VC-JWT signed by the site (RS256); ?format=json gives the unsigned credential.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapGet("/keys/{keyId}", async (string keyId, HttpContext http, SigningKeyStore keys, ISiteSettingsService settings, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                var key = (await keys.PublicKeysAsync(ct)).FirstOrDefault(k => k.Id == keyId);
                return key.Jwk is null
                    ? ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["No signing key has this id."])
                    : Results.Text(OpenBadgeJson.Write(Published(key.Id, key.Jwk, urls)), "application/jwk+json", Encoding.UTF8);
            })
            .WithName("GetOpenBadgeSigningKey")
            .WithSummary("One public key of the site as a JWK: what a credential's kid points at.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGet(OpenBadgeUrls.JwksPath, async (HttpContext http, SigningKeyStore keys, ISiteSettingsService settings, CancellationToken ct) =>
            {
                var urls = await OpenBadgeUrls.ForAsync(http, settings, ct);
                var set = new JsonArray([.. (await keys.PublicKeysAsync(ct)).Select(k => (JsonNode)Published(k.Id, k.Jwk, urls))]);
                http.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Text(OpenBadgeJson.Write(new JsonObject { ["keys"] = set }), "application/json", Encoding.UTF8);
            })
            .AllowAnonymous()
            .AddEndpointFilter(AllowAnyOrigin)
            .WithTags(Tag)
            .WithName("GetJwks")
            .WithSummary("The public keys that sign Open Badges 3.0 credentials (JWK Set).");
    }

    /// <summary>The stored public JWK under its published id (the key's URL, the same string JWT headers carry).</summary>
    private static JsonObject Published(string id, JsonObject jwk, OpenBadgeUrls urls)
    {
        var published = jwk.DeepClone().AsObject();
        published["kid"] = urls.Key(id);
        return published;
    }

    /// <summary>
    /// Open Badges 2.0 answers in application/ld+json, or application/json to a client that asks only for that.
    /// </summary>
    private static IResult JsonLd(HttpContext http, JsonObject document, int status = StatusCodes.Status200OK, string cache = "no-cache")
    {
        var accept = http.Request.Headers.Accept.ToString();
        var type = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase)
            ? "application/json"
            : "application/ld+json";
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.CacheControl = cache;
        return Results.Text(OpenBadgeJson.Write(document), type, Encoding.UTF8, status);
    }

    /// <summary>Verifiers often run in a browser on another site; these documents hold nothing a cookie would unlock.</summary>
    private static ValueTask<object?> AllowAnyOrigin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
        return next(context);
    }
}
