using Lms.Framework.Backup;
using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Certificates.Api;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Features.Admin;
using Lms.Modules.Certificates.Features.Issue;
using Lms.Modules.Certificates.Features.Verify;
using Lms.Modules.Certificates.Recipes;
using Lms.Modules.Certificates.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Certificates;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<CertificatesDbContext, SqliteCertificatesDbContext, PostgresCertificatesDbContext>(CertificatesDbContext.Prefix);
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section);
        services.AddSingleton<CertificateStore>();
        services.AddBackupFolder("certificates", sp => sp.GetRequiredService<CertificateStore>().Root);
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<IssueCertificateJob>();
        services.AddSingleton<CertificateQueue>();
        services.AddSingleton<IDeferredWork>(sp => sp.GetRequiredService<CertificateQueue>());
        services.AddScoped<CertificateExportJob>();
        services.AddScoped<CertificateAccess>();
        services.AddScoped<CertificateSearch>();
        services.AddScoped<Verification>();
        services.AddRecurringJob<ReconcileCertificatesJob>(ReconcileCertificatesJob.Id, "35 * * * *", "Certificates: issue any that a completed course or programme is still missing (the on-completion job normally has)");
        services.AddRecipeStep<CertificateProgrammesStep>();
        services.AddSingleton<VerificationThrottle>();
        services.AddSingleton<IHomePanelProvider, Home.CertificatesPanelProvider>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IPermissionProvider, Permissions>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => CertificatesApi.Map(endpoints);
}
