using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Identity.OpenIdConnect;

internal static class OpenIdConnectSetup
{
    public const string Scheme = "oidc";

    /// <summary>
    /// The handler's services without a fixed scheme: <see cref="OpenIdConnectSchemes"/> adds or removes the scheme as the
    /// settings change, so a site without the section behaves as if single sign-on did not exist.
    /// </summary>
    public static IServiceCollection AddLmsOpenIdConnect(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenIdConnectSettings>().Bind(configuration.GetSection(OpenIdConnectSettings.Section));
        services.TryAddTransient<OpenIdConnectHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureOpenIdConnectOptions>();
        services.AddSingleton<OpenIdConnectSchemes>();
        services.AddHostedService(sp => sp.GetRequiredService<OpenIdConnectSchemes>());
        services.AddScoped<ExternalStaffSignIn>();
        return services;
    }
}
