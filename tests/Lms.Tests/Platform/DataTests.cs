using Lms.Framework.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Platform;

public sealed class DataTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Every_table_carries_its_modules_prefix_and_no_migration_is_pending()
    {
        await Factory.WithScopeAsync<bool>(async sp =>
        {
            foreach (var database in sp.GetServices<ModuleDatabase>())
            {
                var context = sp.ResolveContext(database);
                foreach (var entity in context.Model.GetEntityTypes())
                {
                    Assert.StartsWith(database.TablePrefix + "_", entity.GetTableName());
                }

                Assert.Empty(await context.Database.GetPendingMigrationsAsync());
                // The model and the migrations agree: a forgotten "migrations add" fails here.
                Assert.False(context.Database.HasPendingModelChanges(), $"{database.TablePrefix}: the model has changes without a migration.");
            }

            return true;
        });
    }
}
