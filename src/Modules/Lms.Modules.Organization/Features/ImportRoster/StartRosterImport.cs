using System.Globalization;
using FluentValidation;
using Hangfire;
using Lms.Framework.Data;
using Lms.Modules.Organization.Data;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>Takes an uploaded roster file, stores it under the data directory and queues its import.</summary>
internal static class StartRosterImport
{
    /// <param name="Queue">False when the caller runs the import itself (the command line).</param>
    internal sealed record Command(string FileName, Stream Content, long Length, string? Mode, string? Encoding, string RequestedBy, bool Queue = true) : IRequest<Guid>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<OrganizationStrings> T, IConfiguration configuration)
        {
            var maxMegabytes = configuration.GetValue("Lms:Roster:MaxUploadMegabytes", 50);
            RuleFor(c => c.Length).GreaterThan(0).WithMessage(_ => T["Choose a CSV file to upload."]);
            RuleFor(c => c.Length).LessThanOrEqualTo(maxMegabytes * 1024L * 1024L).WithMessage(_ => T["The file is larger than {0} MB.", maxMegabytes]);
            RuleFor(c => c.FileName).Must(n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .WithMessage(_ => T["Upload the roster as a CSV file (.csv)."]);
            RuleFor(c => c.Mode).Must(m => m is null or "" or "full" or "partial").WithMessage(_ => T["The mode must be full or partial."]);
            RuleFor(c => c.Encoding).Must(e => RosterReader.TryParseEncoding(e, out _)).WithMessage(_ => T["Unknown encoding. Use auto, utf-8 or shift_jis."]);
        }
    }

    internal sealed class Handler(OrganizationDbContext db, IOptions<DatabaseOptions> database, IBackgroundJobClient jobs, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var id = Guid.CreateVersion7();
            var directory = Path.Combine(database.Value.SharedDirectory, "imports");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, id.ToString("N") + ".csv");
            await using (var target = File.Create(path))
            {
                await request.Content.CopyToAsync(target, cancellationToken);
            }

            db.RosterImports.Add(new RosterImport
            {
                Id = id,
                FileName = Path.GetFileName(request.FileName),
                StoredPath = path,
                FullImport = request.Mode == "full",
                RequestedEncoding = string.IsNullOrWhiteSpace(request.Encoding) ? "auto" : request.Encoding.Trim().ToLowerInvariant(),
                Status = RosterImportStatus.Pending,
                RequestedBy = request.RequestedBy,
                Culture = CultureInfo.CurrentUICulture.Name is { Length: > 0 } culture ? culture : "ja-JP",
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            if (request.Queue)
            {
                jobs.Enqueue<ImportRosterJob>(job => job.RunAsync(id, CancellationToken.None));
            }

            return id;
        }
    }
}
