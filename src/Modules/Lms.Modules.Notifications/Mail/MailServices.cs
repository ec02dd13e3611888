using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Notifications.Mail;

internal static class MailServices
{
    /// <summary>
    /// Binds <see cref="MailOptions"/> to <c>Lms:Mail</c> and registers the site's <see cref="IMailTransport"/>
    /// (also resolvable as <see cref="ConfiguredMailTransport"/> for its description).
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        services.AddSingleton<ConfiguredMailTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<ConfiguredMailTransport>());
        return services;
    }
}
