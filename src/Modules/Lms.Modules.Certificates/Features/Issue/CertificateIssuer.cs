using System.Security.Cryptography;
using Lms.Contracts.Certificates;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Media;
using Lms.Contracts.Organization;
using Lms.Contracts.Templates;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Lms.Modules.Certificates.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Features.Issue;

/// <summary>
/// Issues, reissues and revokes certificates. Issuing is idempotent: every certificate has an issue key
/// (which completion, or which certificate it replaces) under a unique index, the key is looked up first, and
/// a concurrent issuer that loses the race on insert removes its file and returns the winner's certificate.
/// The PDF is drawn once, written to the store before the row is committed, and never drawn again.
/// </summary>
internal sealed class CertificateIssuer(
    CertificatesDbContext db,
    CertificateStore store,
    IMediator mediator,
    ISiteSettingsService settings,
    IOptions<CertificateOptions> options,
    TimeProvider clock,
    ILogger<CertificateIssuer> logger)
{
    public const string SystemActor = "system";

    public static string CourseIssueKey(Guid staffId, Guid courseId, DateTimeOffset completedAt) =>
        $"course|{staffId:N}|{courseId:N}|{completedAt.ToUnixTimeMilliseconds()}";

    public static string ProgrammeIssueKey(Guid staffId, Guid programmeId) => $"programme|{staffId:N}|{programmeId:N}";

    public static string ReissueKey(Guid previousId) => $"reissue|{previousId:N}";

    /// <summary>The certificate of one course completion (issued now unless it exists). Null when the person or course is gone.</summary>
    public async Task<Certificate?> IssueForCourseAsync(Guid staffId, Guid courseId, int courseVersion, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var key = CourseIssueKey(staffId, courseId, completedAt);
        if (await FindByKeyAsync(key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var name = FirstOf(await mediator.Send(new GetStaffNames([staffId]), cancellationToken));
        var course = FirstOf(await mediator.Send(new GetPublishedCourses([courseId]), cancellationToken));
        if (name is null || course is null)
        {
            logger.LogWarning("No certificate for {StaffId} on course {CourseId}: the {Missing} no longer exists", staffId, courseId, name is null ? "person" : "published course");
            return null;
        }

        return await IssueAsync(new Draft(key, CertificateKind.Course, name, course.Id, courseVersion > 0 ? courseVersion : course.Version, null, course.Title, [], completedAt, null), cancellationToken);
    }

    /// <summary>Certificates for every enabled programme the person has now completed (each once).</summary>
    public Task<IReadOnlyList<Certificate>> IssueForProgrammesAsync(Guid staffId, CancellationToken cancellationToken) =>
        IssueForProgrammesAsync([staffId], cancellationToken);

    /// <summary>
    /// The same for many people at once: programmes, courses, learning records, existing certificates and names are
    /// each read once for the whole set. One person's failure is logged and the others still get theirs.
    /// </summary>
    public async Task<IReadOnlyList<Certificate>> IssueForProgrammesAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.Enabled).ToListAsync(cancellationToken);
        if (programmes.Count == 0 || staffIds.Count == 0)
        {
            return [];
        }

        var courses = await mediator.Send(new GetPublishedCourses(), cancellationToken);
        var byKey = courses.Where(c => c.Key is not null).ToDictionary(c => c.Key!, StringComparer.Ordinal);
        var records = await mediator.Send(new GetLearningRecords(staffIds, IncludeCompletions: false), cancellationToken);
        var completedBy = records.Enrolments.Where(e => e.CompletedAt is not null)
            .GroupBy(e => e.StaffId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.CourseId, e => e.CompletedAt!.Value));

        // Who has completed which programme, before anything is looked up or drawn.
        var due = new List<(Guid StaffId, CertificateProgramme Programme, List<PublishedCourse> Members, DateTimeOffset LastCompletion)>();
        foreach (var (staffId, completed) in completedBy)
        {
            foreach (var programme in programmes)
            {
                var members = programme.CourseKeyList.Select(k => byKey.GetValueOrDefault(k)).OfType<PublishedCourse>().ToList();
                if (members.Count > 0 && members.Count == programme.CourseKeyList.Count && members.All(c => completed.ContainsKey(c.Id)))
                {
                    due.Add((staffId, programme, members, members.Max(c => completed[c.Id])));
                }
            }
        }

        if (due.Count == 0)
        {
            return [];
        }

        var keys = due.Select(d => ProgrammeIssueKey(d.StaffId, d.Programme.Id)).ToList();
        var existing = await db.Certificates.AsNoTracking().Where(c => keys.Contains(c.IssueKey)).ToDictionaryAsync(c => c.IssueKey, StringComparer.Ordinal, cancellationToken);
        var names = (await mediator.Send(new GetStaffNames(due.Where(d => !existing.ContainsKey(ProgrammeIssueKey(d.StaffId, d.Programme.Id))).Select(d => d.StaffId).Distinct().ToList()), cancellationToken))
            .ToDictionary(n => n.StaffId);

        var issued = new List<Certificate>();
        foreach (var (staffId, programme, members, lastCompletion) in due)
        {
            var key = ProgrammeIssueKey(staffId, programme.Id);
            if (existing.TryGetValue(key, out var held))
            {
                issued.Add(held);
                continue;
            }

            if (!names.TryGetValue(staffId, out var name))
            {
                continue;
            }

            try
            {
                issued.Add(await IssueAsync(new Draft(key, CertificateKind.Programme, name, null, null, programme.Id, programme.Title,
                    members.Select(c => c.Title).ToList(), lastCompletion, null), cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException && staffIds.Count > 1)
            {
                logger.LogError(e, "Programme certificate {Programme} for {StaffId} could not be issued; the reconcile job will try again", programme.Key, staffId);
            }
        }

        return issued;
    }

    /// <summary>
    /// Issues a new certificate for the same completion with the person's name as it is now (e.g. after a
    /// correction) and marks the old one replaced. Reissuing the same certificate again returns the first reissue.
    /// </summary>
    public async Task<Certificate?> ReissueAsync(Guid certificateId, string actor, string? reason, CancellationToken cancellationToken)
    {
        var previous = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken);
        if (previous is null)
        {
            return null;
        }

        var key = ReissueKey(previous.Id);
        if (await FindByKeyAsync(key, cancellationToken) is { } done)
        {
            return done;
        }

        if (previous.Status != CertificateStatus.Valid)
        {
            throw new CertificateActionException(previous.Status == CertificateStatus.Replaced ? CertificateActionException.AlreadyReplaced : CertificateActionException.Revoked);
        }

        var name = FirstOf(await mediator.Send(new GetStaffNames([previous.StaffId]), cancellationToken))
            ?? new StaffName(previous.StaffId, previous.EmployeeNumber, previous.RecipientName, "", previous.RecipientNameKana, "");
        IReadOnlyList<string> courseTitles = [];
        if (previous.ProgrammeId is { } programmeId && await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, cancellationToken) is { } programme)
        {
            var keys = programme.CourseKeyList;
            courseTitles = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).Where(c => c.Key is not null && keys.Contains(c.Key)).Select(c => c.Title).ToList();
        }

        var draft = new Draft(key, previous.Kind, name, previous.CourseId, previous.CourseVersion, previous.ProgrammeId, previous.Title, courseTitles, previous.CompletedAt, previous.Id);
        return await IssueAsync(draft, cancellationToken, actor, reason);
    }

    /// <summary>Revokes a valid certificate; revoking one already revoked changes nothing. False when there is none.</summary>
    public async Task<bool> RevokeAsync(Guid certificateId, string actor, string reason, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken);
        if (certificate is null)
        {
            return false;
        }

        if (certificate.Status == CertificateStatus.Revoked)
        {
            return true;
        }

        if (certificate.Status == CertificateStatus.Replaced)
        {
            throw new CertificateActionException(CertificateActionException.AlreadyReplaced);
        }

        // Only a certificate still valid is revoked (a reissue at the same moment wins or loses as a whole).
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Certificates.Where(c => c.Id == certificate.Id && c.Status == CertificateStatus.Valid)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Revoked).SetProperty(c => c.RevokedAt, now)
                .SetProperty(c => c.RevokedBy, actor).SetProperty(c => c.RevokedReason, reason), cancellationToken);
        if (changed == 0)
        {
            throw new CertificateActionException(CertificateActionException.AlreadyReplaced);
        }

        db.Audit.Add(new CertificateAuditEntry { At = now, CertificateId = certificate.Id, Action = "revoked", Actor = actor, Detail = reason });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await mediator.Publish(new CertificateRevoked(certificate.Id, certificate.StaffId, reason, now), CancellationToken.None);
        return true;
    }

    private Task<Certificate?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.IssueKey == key, cancellationToken);

    private async Task<Certificate> IssueAsync(Draft draft, CancellationToken cancellationToken, string actor = SystemActor, string? reason = null)
    {
        var site = await settings.GetAsync(cancellationToken);
        var prepared = await PrepareAsync(draft, site, clock.GetUtcNow(), actor, reason, new Dictionary<string, byte[]?>(), cancellationToken);
        var certificate = prepared.Certificate;
        await store.SaveAsync(certificate.FileKey, prepared.Pdf, cancellationToken);
        try
        {
            // A reissue replaces the old certificate in the same transaction: both happen, or neither.
            await using var transaction = draft.Replaces is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            if (draft.Replaces is { } previousId)
            {
                var changed = await db.Certificates.Where(c => c.Id == previousId && c.Status == CertificateStatus.Valid)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Replaced).SetProperty(c => c.ReplacedById, certificate.Id), cancellationToken);
                if (changed == 0)
                {
                    throw new CertificateActionException(CertificateActionException.AlreadyReplaced);
                }

                db.Audit.Add(new CertificateAuditEntry
                {
                    At = certificate.IssuedAt,
                    CertificateId = previousId,
                    Action = "replaced",
                    Actor = actor,
                    Detail = Truncate($"→ {VerificationCodes.Display(certificate.Code)} {reason}".Trim(), 1000),
                });
            }

            db.Certificates.Add(certificate);
            db.Audit.Add(prepared.Audit);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another worker issued this one first: keep theirs.
            db.ChangeTracker.Clear();
            store.Delete(certificate.FileKey);
            return await FindByKeyAsync(draft.IssueKey, CancellationToken.None)
                ?? throw new InvalidOperationException($"Certificate {draft.IssueKey} clashed on insert but cannot be found.", e);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await DeleteUnlessCommittedAsync(certificate);
            throw;
        }

        db.ChangeTracker.Clear();
        await PublishIssuedAsync([certificate]);
        return certificate;
    }

    /// <summary>
    /// After a failure, the file goes unless its row was committed after all (a connection lost after the commit
    /// reached the server): a committed certificate always keeps its file.
    /// </summary>
    private async Task DeleteUnlessCommittedAsync(Certificate certificate)
    {
        try
        {
            if (await db.Certificates.AsNoTracking().AnyAsync(c => c.Id == certificate.Id, CancellationToken.None))
            {
                return;
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not tell whether certificate {Id} was committed; its file {Key} is kept", certificate.Id, certificate.FileKey);
            return;
        }

        store.Delete(certificate.FileKey);
    }

    /// <summary>
    /// Many course completions at once (the reconcile job, a backlog): names and courses read once for the batch,
    /// the PDFs drawn and written, then all rows inserted in one transaction. If any of them was issued meanwhile
    /// (the unique key refuses the batch), the batch falls back to one at a time, which keeps the other's.
    /// </summary>
    public async Task<int> IssueForCoursesAsync(IReadOnlyList<CourseCompletion> completions, CancellationToken cancellationToken)
    {
        var keys = completions.Select(c => CourseIssueKey(c.StaffId, c.CourseId, c.CompletedAt)).ToList();
        var existing = (await db.Certificates.AsNoTracking().Where(c => keys.Contains(c.IssueKey)).Select(c => c.IssueKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var todo = completions.Where(c => !existing.Contains(CourseIssueKey(c.StaffId, c.CourseId, c.CompletedAt))).ToList();
        if (todo.Count == 0)
        {
            return 0;
        }

        var names = (await mediator.Send(new GetStaffNames(todo.Select(c => c.StaffId).Distinct().ToList()), cancellationToken)).ToDictionary(n => n.StaffId);
        var courses = (await mediator.Send(new GetPublishedCourses(todo.Select(c => c.CourseId).Distinct().ToList()), cancellationToken)).ToDictionary(c => c.Id);
        var site = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var seals = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var prepared = new List<Prepared>(todo.Count);
        try
        {
            foreach (var completion in todo)
            {
                if (!names.TryGetValue(completion.StaffId, out var name) || !courses.TryGetValue(completion.CourseId, out var course))
                {
                    continue;
                }

                var draft = new Draft(CourseIssueKey(completion.StaffId, completion.CourseId, completion.CompletedAt), CertificateKind.Course, name, course.Id,
                    completion.CourseVersion > 0 ? completion.CourseVersion : course.Version, null, course.Title, [], completion.CompletedAt, null);
                var one = await PrepareAsync(draft, site, now, SystemActor, null, seals, cancellationToken);
                await store.SaveAsync(one.Certificate.FileKey, one.Pdf, cancellationToken);
                prepared.Add(one);
            }

            db.Certificates.AddRange(prepared.Select(p => p.Certificate));
            db.Audit.AddRange(prepared.Select(p => p.Audit));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            prepared.ForEach(p => store.Delete(p.Certificate.FileKey));
            var issued = 0;
            foreach (var completion in todo)
            {
                var before = await FindByKeyAsync(CourseIssueKey(completion.StaffId, completion.CourseId, completion.CompletedAt), cancellationToken);
                if (before is null && await IssueForCourseAsync(completion.StaffId, completion.CourseId, completion.CourseVersion, completion.CompletedAt, cancellationToken) is not null)
                {
                    issued++;
                }
            }

            return issued;
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var p in prepared)
            {
                await DeleteUnlessCommittedAsync(p.Certificate);
            }

            throw;
        }

        db.ChangeTracker.Clear();
        await PublishIssuedAsync(prepared.Select(p => p.Certificate).ToList());
        return prepared.Count;
    }

    private async Task PublishIssuedAsync(IReadOnlyList<Certificate> certificates)
    {
        CertificatesMetrics.Issued(certificates);
        var programmeIds = certificates.Where(c => c.ProgrammeId is not null).Select(c => c.ProgrammeId!.Value).Distinct().ToList();
        var programmeKeys = programmeIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Key, CancellationToken.None);
        foreach (var c in certificates)
        {
            await mediator.Publish(new CertificateIssued(c.Id, c.StaffId, c.CourseId, c.ProgrammeId is { } p ? programmeKeys.GetValueOrDefault(p) : null, c.CompletedOn, c.ReplacesId, c.IssuedAt), CancellationToken.None);
        }
    }

    /// <summary>Renders the template and draws the PDF for a draft: nothing is stored yet.</summary>
    private async Task<Prepared> PrepareAsync(Draft draft, SiteSettings site, DateTimeOffset now, string actor, string? reason, Dictionary<string, byte[]?> seals, CancellationToken cancellationToken)
    {
        var zone = site.TimeZone;
        var completedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(draft.CompletedAt, zone).DateTime);
        var code = VerificationCodes.NewCode();
        var displayCode = VerificationCodes.Display(code);
        var verifyUrl = $"{site.PublicRoot}/verify/{displayCode}";
        var culture = options.Value.Culture;

        var model = new Dictionary<string, object?>
        {
            ["recipient"] = new Dictionary<string, object?>
            {
                ["name"] = draft.Name.Name,
                ["nameKana"] = draft.Name.NameKana,
                ["familyName"] = draft.Name.FamilyName,
                ["givenName"] = draft.Name.GivenName,
                ["employeeNumber"] = draft.Name.EmployeeNumber,
            },
            ["course"] = new Dictionary<string, object?> { ["title"] = draft.Title, ["version"] = draft.CourseVersion },
            ["programme"] = new Dictionary<string, object?> { ["title"] = draft.Title, ["courses"] = draft.CourseTitles.ToList() },
            ["certificate"] = new Dictionary<string, object?>
            {
                ["code"] = displayCode,
                ["completedOn"] = completedOn,
                ["issuedOn"] = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime),
                ["verifyUrl"] = verifyUrl,
            },
            ["organisation"] = new Dictionary<string, object?> { ["name"] = site.OrganizationName },
            ["site"] = new Dictionary<string, object?> { ["name"] = site.SiteName },
        };

        RenderedTemplate rendered;
        var templateKey = draft.Kind == CertificateKind.Programme ? TemplateKeys.CertificateProgramme : TemplateKeys.CertificateCourse;
        try
        {
            rendered = await mediator.Send(new RenderTemplate(templateKey, culture, model), cancellationToken);
        }
        catch (TemplateNotFoundException) when (templateKey != TemplateKeys.CertificateCourse)
        {
            rendered = await mediator.Send(new RenderTemplate(TemplateKeys.CertificateCourse, culture, model), cancellationToken);
        }

        byte[]? seal = null;
        if (rendered[CertificateTemplateParts.SealImageUrl] is { Length: > 0 } sealUrl && !seals.TryGetValue(sealUrl, out seal))
        {
            var media = await mediator.Send(new GetMediaContent(sealUrl), cancellationToken);
            seal = media is { ContentType: "image/png" or "image/jpeg" } ? media.Content : null;
            seals[sealUrl] = seal;
            if (seal is null)
            {
                logger.LogWarning("The certificate seal {Url} is not a PNG or JPEG in the media library; certificates are issued without it", sealUrl);
            }
        }

        var japanese = rendered.Culture.StartsWith("ja", StringComparison.Ordinal);
        IReadOnlyList<string> footer = japanese
            ? [$"証明書番号　{displayCode}", $"修了日　{completedOn.Year}年{completedOn.Month}月{completedOn.Day}日", $"発行　{site.OrganizationName}", $"確認　{verifyUrl}"]
            : [$"Certificate No. {displayCode}", $"Completed on {completedOn.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)}", $"Issued by {site.OrganizationName}", $"Verify at {verifyUrl}"];
        var pdf = CertificatePdf.Render(new CertificateContent(
            rendered[CertificateTemplateParts.Title], rendered[CertificateTemplateParts.Body], rendered[CertificateTemplateParts.SignatoryName], rendered[CertificateTemplateParts.SignatoryTitle],
            seal, verifyUrl, displayCode, draft.Name.Name, site.OrganizationName, draft.Title, footer));

        var id = Guid.NewGuid();
        var certificate = new Certificate
        {
            Id = id,
            Code = code,
            IssueKey = draft.IssueKey,
            Kind = draft.Kind,
            StaffId = draft.Name.StaffId,
            CourseId = draft.CourseId,
            CourseVersion = draft.CourseVersion,
            ProgrammeId = draft.ProgrammeId,
            Title = Truncate(draft.Title, 300),
            RecipientName = Truncate(draft.Name.Name, 200),
            RecipientNameKana = Truncate(draft.Name.NameKana, 200),
            EmployeeNumber = draft.Name.EmployeeNumber,
            CompletedAt = draft.CompletedAt,
            CompletedOn = completedOn,
            Issuer = Truncate(site.OrganizationName, 200),
            IssuedAt = now,
            Culture = rendered.Culture,
            TemplateRevision = rendered.Revision,
            FileKey = CertificateStore.CertificateKey(id, now),
            FileSize = pdf.Length,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            Status = CertificateStatus.Valid,
            ReplacesId = draft.Replaces,
        };

        var audit = new CertificateAuditEntry
        {
            At = now,
            CertificateId = id,
            Action = draft.Replaces is null ? "issued" : "reissued",
            Actor = actor,
            Detail = Truncate(draft.Replaces is null ? draft.IssueKey : reason ?? "", 1000),
        };
        return new Prepared(certificate, audit, pdf);
    }

    private static T? FirstOf<T>(IReadOnlyList<T> list) where T : class => list.Count > 0 ? list[0] : null;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed record Prepared(Certificate Certificate, CertificateAuditEntry Audit, byte[] Pdf);

    private sealed record Draft(
        string IssueKey,
        CertificateKind Kind,
        StaffName Name,
        Guid? CourseId,
        int? CourseVersion,
        Guid? ProgrammeId,
        string Title,
        IReadOnlyList<string> CourseTitles,
        DateTimeOffset CompletedAt,
        Guid? Replaces);
}

/// <summary>One course completion to certify (the version 0 when unknown: the latest published one is printed).</summary>
internal sealed record CourseCompletion(Guid StaffId, Guid CourseId, int CourseVersion, DateTimeOffset CompletedAt);

/// <summary>An admin action that cannot be done to this certificate (the message key is shown translated).</summary>
internal sealed class CertificateActionException(string messageKey) : Exception(messageKey)
{
    public const string AlreadyReplaced = "This certificate has been replaced; act on the one that replaced it.";
    public const string Revoked = "This certificate is revoked and cannot be reissued.";

    public string MessageKey { get; } = messageKey;
}
