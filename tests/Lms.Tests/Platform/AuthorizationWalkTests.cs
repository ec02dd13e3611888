using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lms.Framework.Security;
using Lms.Modules.Organization.Identity;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lms.Tests.Platform;

/// <summary>
/// Walks every endpoint the app maps, as nobody and as each demo role, and compares what it answers with what the
/// endpoint's policy and the roles' seeded permissions say, and with a table of areas kept here by hand (so a
/// policy that is wrong in the code is caught, not copied into the expectation).
/// </summary>
public sealed class AuthorizationWalkTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    /// <summary>The demo account standing for each role.</summary>
    private static readonly (string Role, string UserName)[] Callers =
    [
        (RoleNames.Staff, "demo-staff"),
        (RoleNames.Manager, "demo-manager"),
        (RoleNames.Facilitator, "demo-facilitator"),
        (RoleNames.Author, "demo-author"),
        (RoleNames.Admin, "demo-admin"),
    ];

    /// <summary>
    /// Areas and the only roles that may get in (first match wins, so the narrower rows come first). Endpoints outside
    /// these rows are for every signed-in person or for anyone, as their policy says.
    /// </summary>
    private static readonly (Regex Pattern, string[] Roles)[] Areas =
    [
        (Area("^/?hangfire"), [RoleNames.Admin]),
        (Area("^/?(api/v1/)?admin/recipes"), [RoleNames.Admin]),
        (Area("^/?api/v1/admin/courses/[^/]+/publish"), [RoleNames.Admin]),
        (Area("^/?(api/v1/)?admin/(courses|media|markdown)"), [RoleNames.Admin, RoleNames.Author]),
        (Area("^/?admin/?$"), [RoleNames.Admin, RoleNames.Author]),
        (Area("^/?(api/v1/)?admin"), [RoleNames.Admin]),
        (Area("^/?learn/courses/[^/]+/preview"), [RoleNames.Admin, RoleNames.Author]),
        (Area("^/?facilitate/reflections"), [RoleNames.Facilitator, RoleNames.Admin]),
        (Area("^/?facilitate"), [RoleNames.Facilitator, RoleNames.Admin]),
        (Area("^/?api/v1/sessions/[^/]+/(attendance|signoff)"), [RoleNames.Facilitator, RoleNames.Admin]),
        (Area("^/?(api/v1/)?reports"), [RoleNames.Admin]),
        (Area("^/?(api/v1/)?teams/[^/]+/(progress|people)"), [RoleNames.Manager, RoleNames.Admin]),
        (Area("^/?team/"), [RoleNames.Manager, RoleNames.Admin]),
    ];

    [Fact]
    public async Task Every_endpoint_states_its_authorization_rule()
    {
        var rules = await EndpointAuthorization.ReadAsync(Factory.Services);

        var silent = rules.Where(r => !r.StatesItsRule && !EndpointAuthorization.IsStaticFileFallback(r.Endpoint)).Select(r => r.Name).ToList();
        var unreadable = rules.Where(r => r.UnknownRequirements.Count > 0).Select(r => $"{r.Name}: {string.Join(", ", r.UnknownRequirements)}").ToList();
        var openStatic = rules.Where(r => r.IsStaticAsset && !r.Anonymous && !EndpointAuthorization.IsStaticFileFallback(r.Endpoint)).Select(r => r.Name).ToList();

        Assert.True(rules.Count > 100, $"only {rules.Count} endpoints found");
        Assert.True(silent.Count == 0, "endpoints without [Authorize], a policy or [AllowAnonymous]:\n" + string.Join('\n', silent));
        Assert.True(unreadable.Count == 0, "requirements this test cannot judge:\n" + string.Join('\n', unreadable));
        Assert.Empty(openStatic);
    }

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_roles_its_area_allows()
    {
        await Factory.SeedDemoAsync();
        var rules = (await EndpointAuthorization.ReadAsync(Factory.Services)).Where(r => !r.IsStaticAsset).ToList();
        var granted = await GrantedPermissionsAsync();
        var known = await Factory.WithScopeAsync(async sp => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["orgUnitId"] = (await sp.GetMeAsync("demo-manager")).OrgUnitId!.Value.ToString(),
            ["staffId"] = (await sp.GetMeAsync("demo-staff")).StaffId!.Value.ToString(),
        });
        var failures = new List<string>();

        // The table first: a policy that admits a role its area does not is wrong, whatever the server answers.
        foreach (var rule in rules)
        {
            if (AreaRoles(rule.Pattern) is not { } allowed)
            {
                continue;
            }

            if (rule.Anonymous)
            {
                failures.Add($"{rule.Name}: anonymous, but its area is for {string.Join('/', allowed)}");
            }

            foreach (var (role, _) in Callers.Where(c => !allowed.Contains(c.Role) && rule.Admits(granted[c.Role])))
            {
                failures.Add($"{rule.Name}: its policy ({string.Join(", ", rule.Permissions)}) admits {role}, its area is for {string.Join('/', allowed)}");
            }
        }

        var anonymousClient = SiteClient.Create(Factory);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, userName) in Callers)
        {
            clients[role] = await SiteClient.SignInAsync(Factory, userName);
        }

        // Sign-out last, in case a GET of it ever signs out.
        foreach (var rule in rules.OrderBy(r => r.Pattern.Contains("sign-out", StringComparison.Ordinal)).ThenBy(r => r.Pattern, StringComparer.Ordinal))
        {
            var path = EndpointAuthorization.SamplePath(rule.Endpoint.RoutePattern, known);
            var isApi = EndpointAuthorization.ApiPattern().IsMatch(path);

            var anonymous = await SendAsync(anonymousClient, rule, path);
            if ((int)anonymous.StatusCode >= 500)
            {
                failures.Add($"{rule.Name} ({path}) anonymous: {(int)anonymous.StatusCode}");
            }
            else if (!rule.Anonymous && isApi && anonymous.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{rule.Name} ({path}) anonymous: {(int)anonymous.StatusCode}, expected 401");
            }
            else if (!rule.Anonymous && !isApi && !IsSignInRedirect(anonymous))
            {
                failures.Add($"{rule.Name} ({path}) anonymous: {(int)anonymous.StatusCode} {anonymous.Headers.Location}, expected a redirect to sign-in");
            }

            foreach (var (role, _) in Callers)
            {
                var response = await SendAsync(clients[role], rule, path);
                var status = (int)response.StatusCode;
                var expectAllowed = rule.Admits(granted[role]);
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized || IsSignInRedirect(response) || IsAccessDenied(response);
                if (status >= 500)
                {
                    failures.Add($"{rule.Name} ({path}) {role}: {status}");
                }
                // An anonymous endpoint's own answers are not authorization: the single sign-on refusal page answers
                // 403 to everyone by design, and the POST-only start of single sign-on sends a GET back to the sign-in page.
                else if (expectAllowed && refused && !rule.Anonymous)
                {
                    failures.Add($"{rule.Name} ({path}) {role}: refused ({status}), its policy admits the role");
                }
                else if (!expectAllowed && response.StatusCode != HttpStatusCode.Forbidden && !IsAccessDenied(response))
                {
                    failures.Add($"{rule.Name} ({path}) {role}: {status}, expected 403");
                }
            }
        }

        output.WriteLine($"{rules.Count} endpoints walked as anonymous and {string.Join(", ", Callers.Select(c => c.Role))}; " +
            $"{rules.Count(r => r.Anonymous)} anonymous, {rules.Count(r => !r.Anonymous && r.Permissions.Count == 0)} for any signed-in person, " +
            $"{rules.Count(r => r.Permissions.Count > 0)} behind a permission.");
        foreach (var rule in rules)
        {
            output.WriteLine($"{rule.Name}\t{(rule.Anonymous ? "anonymous" : rule.Permissions.Count == 0 ? "signed-in" : string.Join("+", rule.Permissions))}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} authorization failures:\n" + string.Join('\n', failures));
    }

    private static Regex Area(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string[]? AreaRoles(string pattern) => Areas.FirstOrDefault(a => a.Pattern.IsMatch(pattern)).Roles;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, EndpointRule rule, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), path);
        if (rule.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new StringContent("", Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && RedirectPath(response) == "/account/sign-in";

    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect && RedirectPath(response) is "/account/access-denied" or "/error/403";

    private static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(new Uri("http://localhost"), location).AbsolutePath : null;

    /// <summary>Each role's permissions as its demo account's principal carries them (the roles' claims as seeded).</summary>
    private async Task<Dictionary<string, IReadOnlySet<string>>> GrantedPermissionsAsync() =>
        await Factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<LmsUser>>();
            var principals = sp.GetRequiredService<IUserClaimsPrincipalFactory<LmsUser>>();
            var granted = new Dictionary<string, IReadOnlySet<string>>();
            foreach (var (role, userName) in Callers)
            {
                var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"{userName} is missing");
                Assert.Contains(role, await users.GetRolesAsync(user));
                var principal = await principals.CreateAsync(user);
                granted[role] = principal.FindAll(PermissionClaims.Type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            }

            return granted;
        });
}
