using System.Diagnostics;
using System.Text.Json;
using FluentValidation;
using Lms.Framework.Cli;
using Lms.Modules.Organization.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// <c>roster import &lt;file.csv&gt; [--mode full|partial] [--encoding auto|utf-8|shift_jis]</c> and
/// <c>roster export &lt;file.csv&gt;</c>: the same import as the admin screen, run now, for a nightly
/// HR sync from cron or for a first load.
/// </summary>
internal sealed class RosterCommand(IMediator mediator, ImportRosterJob job, OrganizationDbContext db) : ICommandLineCommand
{
    public string Name => "roster";

    public string Usage => """
          dotnet run --project src/Host/Lms.Host -- roster import <file.csv> [--mode full|partial] [--encoding auto|utf-8|shift_jis]
        """.TrimEnd();

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count < 2 || args[0] != "import")
        {
            await error.WriteLineAsync("Usage:" + Environment.NewLine + Usage);
            return 2;
        }

        var path = Path.GetFullPath(args[1]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No such file: {path}");
            return 2;
        }

        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var started = Stopwatch.GetTimestamp();
        Guid id;
        try
        {
            await using var content = File.OpenRead(path);
            id = await mediator.Send(new StartRosterImport.Command(Path.GetFileName(path), content, content.Length, Option("--mode"), Option("--encoding"), "command line", Queue: false), cancellationToken);
        }
        catch (ValidationException e)
        {
            foreach (var failure in e.Errors)
            {
                await error.WriteLineAsync(failure.ErrorMessage);
            }

            return 2;
        }

        try
        {
            await job.RunAsync(id, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await job.RecordInterruptedAsync(id);
            throw;
        }

        var import = await db.RosterImports.AsNoTracking().FirstAsync(i => i.Id == id, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await output.WriteLineAsync($"{import.Status}: {import.Message}");
        await output.WriteLineAsync($"rows {import.TotalRows}, created {import.Created}, updated {import.Updated}, moved {import.Moved}, deactivated {import.Deactivated}, unchanged {import.Unchanged} ({seconds:0.0} s, {import.DetectedEncoding})");
        if (import.Status != RosterImportStatus.Succeeded)
        {
            foreach (var e in JsonSerializer.Deserialize<List<JsonElement>>(import.ErrorsJson) ?? [])
            {
                await error.WriteLineAsync($"line {e.GetProperty("line")}, {e.GetProperty("column")}: {e.GetProperty("message")}");
            }

            return 1;
        }

        return 0;
    }
}
