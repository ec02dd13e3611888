using Lms.Framework.Modules;
using Lms.Framework.Jobs;
using Lms.Framework.Recipes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Cli;

/// <summary>
/// Operators' commands, run instead of the web server: <c>jobs list</c>, <c>jobs run &lt;id&gt;</c>,
/// <c>recipe run &lt;file&gt;</c>. Exit code 0 on success, 1 when the work failed, 2 for a usage error.
/// </summary>
public static class LmsCommandLine
{
    /// <summary>Splits <c>jobs run x --Lms:DataDirectory=/d</c> into the command words and the host's configuration switches.</summary>
    public static (string[] Command, string[] HostArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A first word that is not a switch names a command (built-in or a module's); switches that
        // follow it configure the host when they name a configuration key (--Lms:DataDirectory=...)
        // or a host option (--urls, --environment, --contentRoot); the others belong to the command.
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return ([], args);
        }

        var command = args.Where(a => !IsHostSwitch(a)).ToArray();
        return (command, args.Where(IsHostSwitch).ToArray());
    }

    private static bool IsHostSwitch(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var key = arg[2..].Split('=', 2)[0];
        return key.Contains(':', StringComparison.Ordinal) || key is "urls" or "environment" or "contentRoot" or "applicationName";
    }

    private static async Task<int> RunModuleCommandAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var command = scope.ServiceProvider.GetServices<ICommandLineCommand>().FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            return Usage(services, error);
        }

        return await command.RunAsync(args[1..], output, error, ct);
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var ct = app.Lifetime.ApplicationStopping;
        try
        {
            await PlatformInitialization.InitializeAsync(app.Services, ct);
            var exitCode = (args.ElementAtOrDefault(0), args.ElementAtOrDefault(1)) switch
            {
                ("jobs", "list") => ListJobs(app.Services, output),
                ("jobs", "run") when args.Length == 3 => await RunJobAsync(app.Services, args[2], output, error, ct),
                ("recipe", "run") when args.Length == 3 => await RunRecipeAsync(app.Services, args[2], output, error, ct),
                ("jobs" or "recipe", _) => Usage(app.Services, error),
                _ => await RunModuleCommandAsync(app.Services, args, output, error, ct),
            };

            // What the command's events left for later (e.g. enrolling imported staff) is done before the process ends.
            await DeferredWorkRunner.FlushAllAsync(app.Services, app.Logger, ct);
            return exitCode;
        }
        catch (RecipeException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static int ListJobs(IServiceProvider services, TextWriter output)
    {
        var definitions = services.GetServices<RecurringJobDefinition>().OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var width = Math.Max(2, definitions.Max(d => (int?)d.Id.Length) ?? 2);
        output.WriteLine($"{"id".PadRight(width)}  {"schedule",-14}  description");
        foreach (var d in definitions)
        {
            output.WriteLine($"{d.Id.PadRight(width)}  {d.Cron,-14}  {d.Description}");
        }

        return 0;
    }

    private static async Task<int> RunJobAsync(IServiceProvider services, string id, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var definitions = services.GetServices<RecurringJobDefinition>().ToList();
        if (definitions.All(d => d.Id != id))
        {
            await error.WriteLineAsync($"No recurring job '{id}'. Known jobs: {string.Join(", ", definitions.Select(d => d.Id).Order(StringComparer.Ordinal))}");
            return 2;
        }

        try
        {
            var result = await services.GetRequiredService<RecurringJobInvoker>().RunAsync(id, ct);
            await output.WriteLineAsync($"{id}: {result}");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{id} failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunRecipeAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var result = await services.GetRequiredService<RecipeRunner>().RunFileAsync(Path.GetFullPath(file), "command line", ct);
        await output.WriteLineAsync($"Recipe '{result.RecipeName}' ran {result.StepCount} step(s).");
        foreach (var line in result.Log)
        {
            await output.WriteLineAsync("  " + line);
        }

        return 0;
    }

    private static int Usage(IServiceProvider services, TextWriter error)
    {
        error.WriteLine("""
            Usage:
              dotnet run --project src/Host/Lms.Host -- jobs list
              dotnet run --project src/Host/Lms.Host -- jobs run <job-id>
              dotnet run --project src/Host/Lms.Host -- recipe run <file.recipe.json>
            """.TrimEnd());
        using var scope = services.CreateScope();
        foreach (var command in scope.ServiceProvider.GetServices<ICommandLineCommand>().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            error.WriteLine(command.Usage);
        }

        return 2;
    }
}
