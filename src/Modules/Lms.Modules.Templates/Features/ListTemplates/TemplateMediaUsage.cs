using Lms.Contracts.Media;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Templates.Features.ListTemplates;

/// <summary>Certificate templates show a seal image from the media library: say so before anyone deletes the file.</summary>
internal sealed class TemplateMediaUsage(TemplatesDbContext db) : IMediaUsageProvider
{
    public async Task<IReadOnlyList<MediaUsage>> FindUsagesAsync(Guid mediaId, CancellationToken cancellationToken)
    {
        var needle = "/media/" + mediaId.ToString("D");
        var certificates = await db.Templates.AsNoTracking().Where(t => t.Kind == TemplateKind.Certificate).ToListAsync(cancellationToken);
        return certificates
            .Where(t => TemplateParts.Deserialize(t.PartsJson).GetValueOrDefault(TemplateParts.SealImageUrl, "").Contains(needle, StringComparison.OrdinalIgnoreCase))
            .Select(t => new MediaUsage($"templates:{t.Key}:{t.Culture}", $"{t.Name} ({t.Culture})", TemplateAddress.AdminUrl(t.Key, t.Culture), true))
            .ToList();
    }
}
