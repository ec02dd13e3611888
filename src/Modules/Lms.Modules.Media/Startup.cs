using Lms.Framework.Backup;
using Lms.Framework.Data;
using Lms.Framework.Modules;
using Lms.Framework.Security;
using Lms.Modules.Media.Api;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Features.ServeMedia;
using Lms.Modules.Media.Features.UploadMedia;
using Lms.Modules.Media.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Media;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<MediaDbContext, SqliteMediaDbContext, PostgresMediaDbContext>(MediaDbContext.Prefix);
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        // A shared deployment may register another IMediaStore after this one (the last registration wins).
        services.AddSingleton<IMediaStore, FileSystemMediaStore>();
        services.AddBackupFolder("media", sp => (sp.GetRequiredService<IMediaStore>() as FileSystemMediaStore)?.Root);

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
    }

    public override void Configure(IApplicationBuilder app) => UploadLimits.Use(app);

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ServeMedia.Map(endpoints);
        MediaApi.Map(endpoints);
    }
}
