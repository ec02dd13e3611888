using System.Text.RegularExpressions;
using Lms.Framework.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Platform;

/// <summary>What one mapped endpoint demands of a caller, read from its metadata as the authorization middleware reads it.</summary>
internal sealed record EndpointRule(
    RouteEndpoint Endpoint,
    string Pattern,
    string Method,
    bool IsPage,
    bool IsStaticAsset,
    bool Anonymous,
    bool StatesItsRule,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> UnknownRequirements)
{
    public string Name => $"{Method} /{Pattern.TrimStart('/')}";

    /// <summary>Whether a signed-in caller holding <paramref name="granted"/> passes the endpoint's policy.</summary>
    public bool Admits(IReadOnlySet<string> granted) => Anonymous || Permissions.All(granted.Contains);
}

internal static partial class EndpointAuthorization
{
    /// <summary>
    /// Every route endpoint the app maps, with its rule. Razor pages are loaded first: a page's [Authorize] on its
    /// model is only in the endpoint's metadata once the page is compiled, which routing otherwise does on the first hit.
    /// </summary>
    public static async Task<IReadOnlyList<EndpointRule>> ReadAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var rules = new List<EndpointRule>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var isPage = false;
            if (metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor page)
            {
                isPage = true;
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
                metadata = compiled.Endpoint?.Metadata ?? metadata;
            }

            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorizeData = metadata.GetOrderedMetadata<IAuthorizeData>();
            var policyMetadata = metadata.GetOrderedMetadata<AuthorizationPolicy>();
            var permissions = new List<string>();
            var unknown = new List<string>();
            if (!anonymous && (authorizeData.Count > 0 || policyMetadata.Count > 0))
            {
                var policy = await AuthorizationPolicy.CombineAsync(policies, authorizeData, policyMetadata);
                foreach (var requirement in policy!.Requirements)
                {
                    switch (requirement)
                    {
                        case PermissionRequirement p:
                            permissions.Add(p.Permission.Name);
                            break;
                        case DenyAnonymousAuthorizationRequirement:
                            break;
                        default:
                            unknown.Add(requirement.GetType().Name);
                            break;
                    }
                }
            }

            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["GET"] : methods)
            {
                rules.Add(new EndpointRule(
                    endpoint,
                    endpoint.RoutePattern.RawText ?? "",
                    method,
                    isPage,
                    metadata.GetMetadata<StaticAssetDescriptor>() is not null || IsStaticFileFallback(endpoint),
                    anonymous,
                    anonymous || authorizeData.Count > 0 || policyMetadata.Count > 0,
                    permissions.Distinct().Order().ToList(),
                    unknown));
            }
        }

        return rules;
    }

    /// <summary>
    /// The catch-all that serves files of the content root not in the static-asset manifest while the app runs from
    /// bin/ (UseStaticWebAssets). The framework maps it without metadata, so the fallback policy (signed in) covers it.
    /// </summary>
    public static bool IsStaticFileFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.Contains(":file}", StringComparison.Ordinal) == true;

    /// <summary>
    /// A request path for the endpoint: route values from <paramref name="known"/> (real ids, where a random one would be
    /// refused by the handler's own check, not by the policy) or plausible values; optional ones without a constraint left out.
    /// </summary>
    public static string SamplePath(RoutePattern pattern, IReadOnlyDictionary<string, string> known)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            var omitted = false;
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter when known.TryGetValue(parameter.Name, out var value):
                        text += value;
                        break;
                    case RoutePatternParameterPart parameter when (parameter.IsOptional && parameter.ParameterPolicies.Count == 0) || parameter.Default is not null:
                        omitted = segment.Parts.Count == 1;
                        text += parameter.Default?.ToString() ?? "";
                        break;
                    case RoutePatternParameterPart parameter:
                        text += SampleValue(parameter);
                        break;
                }
            }

            if (!omitted && text.Length > 0)
            {
                segments.Add(text);
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Contains("guid"))
        {
            return Guid.NewGuid().ToString();
        }

        if (parameter.Name.Equals("code", StringComparison.OrdinalIgnoreCase) && constraints.Contains("int"))
        {
            return "404"; // the error page answers the status it is asked for
        }

        if (constraints.Any(c => c is "int" or "long" or "decimal" or "double" || c.StartsWith("min(", StringComparison.Ordinal) || c.StartsWith("range(", StringComparison.Ordinal)))
        {
            return "1";
        }

        return parameter.Name.ToLowerInvariant() switch
        {
            "culture" => "ja",
            "filename" => "sample.png",
            "tier" => "general",
            "code" => "ABCD2345",
            _ => "sample",
        };
    }

    [GeneratedRegex("^/?api(/|$)", RegexOptions.IgnoreCase)]
    public static partial Regex ApiPattern();
}
