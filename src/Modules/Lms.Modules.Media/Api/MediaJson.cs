using Lms.Modules.Media.Data;

namespace Lms.Modules.Media.Api;

/// <summary>A file as the API and the picker see it.</summary>
internal sealed record MediaJson(Guid Id, string Url, string FileName, string Alt, string Kind, string ContentType, long Size, int? Width, int? Height, DateTimeOffset UploadedAt)
{
    public static MediaJson From(MediaFile file) =>
        new(file.Id, MediaText.Url(file), file.FileName, file.Alt, file.Kind == MediaKind.Pdf ? "pdf" : "image", file.ContentType, file.ByteSize, file.Width, file.Height, file.UploadedAt);
}

internal sealed record MediaPageJson(IReadOnlyList<MediaJson> Items, int Page, int PageSize, int TotalCount, int PageCount);

internal sealed record MediaUsageJson(string Owner, string Description, string? Link, bool Published);
