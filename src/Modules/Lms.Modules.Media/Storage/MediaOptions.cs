namespace Lms.Modules.Media.Storage;

/// <summary><c>Lms:Media</c>.</summary>
internal sealed class MediaOptions
{
    public const string Section = "Lms:Media";
    public const long DefaultMaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>Largest file one may upload (default 20 MB).</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>How many files one upload form may carry (the request may be this many times the file limit).</summary>
    public int MaxFilesPerUpload { get; set; } = 10;

    /// <summary>
    /// Folder of the file-system store: absolute, or relative to the content root. Empty: <c>media</c> in the
    /// data directory. A multi-node deployment points every node at one shared folder.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>What a whole upload request may weigh: the files plus room for the multipart envelope.</summary>
    public long MaxRequestBytes => MaxUploadBytes * Math.Max(1, MaxFilesPerUpload) + 1024 * 1024;

    /// <summary>The limit as people read it: "20" (MB), "0.5" for small test limits.</summary>
    public string MaxUploadMegabytes => (MaxUploadBytes / (1024d * 1024d)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
