using Lms.Framework.Web;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Organization.Identity;

internal static class AuthenticationSetup
{
    /// <summary>Pages sign in with a cookie, the API with a bearer token; this scheme picks by the Authorization header.</summary>
    public const string SmartScheme = "Lms";

    public static void AddLmsIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<LmsUser, LmsRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Lms:Auth:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Lms:Auth:LockoutMinutes", 15));
                // Uniqueness of e-mail is the staff table's rule; some staff have no address at all.
                o.User.RequireUniqueEmail = false;
                o.ClaimsIdentity.RoleClaimType = System.Security.Claims.ClaimTypes.Role;
            })
            .AddEntityFrameworkStores<OrganizationDbContext>()
            .AddSignInManager<LmsSignInManager>()
            .AddClaimsPrincipalFactory<LmsClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "lms.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue("Lms:Auth:CookieHours", 10));
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.IsApi())
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            // A signed-in person without the permission gets a 403 (the themed page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? CheckedBearerHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, CheckedBearerHandler>(CheckedBearerHandler.SchemeName, null)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
                o.BearerTokenExpiration = TimeSpan.FromMinutes(configuration.GetValue("Lms:Auth:TokenMinutes", 60)));
    }
}
