using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lms.Framework.Modules;

/// <summary>
/// A module's startup, in the manner of Orchard Core's StartupBase: services, middleware, endpoints.
/// Startups run in feature-dependency order.
/// </summary>
public abstract class ModuleStartup
{
    /// <summary>Tie-breaker among startups whose features do not depend on each other.</summary>
    public virtual int Order => 0;

    public virtual void ConfigureServices(IServiceCollection services, ModuleContext context) { }

    /// <summary>Middleware, between authentication/authorization and endpoint execution.</summary>
    public virtual void Configure(IApplicationBuilder app) { }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

public sealed record ModuleContext(IConfiguration Configuration, IHostEnvironment Environment, ModuleCatalog Catalog);
