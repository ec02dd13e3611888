namespace Lms.Modules.Media.Data;

internal enum MediaKind
{
    Image,
    Pdf,
}

/// <summary>
/// One uploaded file. Its bytes never change for an id (a new version is a new upload), which is what
/// lets the file be cached forever and referred to by URL from courses, badges and certificates.
/// </summary>
internal sealed class MediaFile
{
    public const int FileNameLength = 200;
    public const int AltLength = 500;

    public Guid Id { get; set; }
    /// <summary>The uploader's name, cleaned (no path, no control characters) and with the extension of its real type.</summary>
    public required string FileName { get; set; }
    /// <summary>Where <see cref="Storage.IMediaStore"/> keeps the bytes.</summary>
    public required string StorageKey { get; set; }
    /// <summary>Always from the bytes, never from the name or the browser.</summary>
    public required string ContentType { get; set; }
    public MediaKind Kind { get; set; }
    public long ByteSize { get; set; }
    /// <summary>Lower-case hex SHA-256 of the stored bytes (also the ETag).</summary>
    public required string Sha256 { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// <summary>Alternative text for screen readers; empty until an author writes one.</summary>
    public string Alt { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}
