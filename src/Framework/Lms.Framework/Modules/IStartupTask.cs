namespace Lms.Framework.Modules;

/// <summary>Work a module does at every start, after migrations and first-start recipes (e.g. granting new permissions).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
