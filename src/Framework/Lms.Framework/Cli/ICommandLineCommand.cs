namespace Lms.Framework.Cli;

/// <summary>
/// An operator's command a module adds to the host's command line:
/// <c>dotnet run --project src/Host/Lms.Host -- &lt;Name&gt; ...</c>. Runs after migrations and
/// first-start set-up, in its own service scope, instead of the web server.
/// </summary>
public interface ICommandLineCommand
{
    /// <summary>The first word, e.g. "roster".</summary>
    string Name { get; }

    /// <summary>One or more usage lines, shown with the built-in ones.</summary>
    string Usage { get; }

    /// <summary>0 done, 1 the work failed, 2 usage error.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
