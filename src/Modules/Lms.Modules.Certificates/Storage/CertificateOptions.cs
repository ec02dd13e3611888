namespace Lms.Modules.Certificates.Storage;

/// <summary><c>Lms:Certificates</c>.</summary>
internal sealed class CertificateOptions
{
    public const string Section = "Lms:Certificates";

    /// <summary>
    /// Folder of the issued PDFs and ready ZIPs: absolute, or relative to the content root. Empty: <c>certificates</c>
    /// in the data directory. Several nodes point at one shared folder.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Look-ups of <c>/verify/{code}</c> (page and API together) one client address may make per minute.</summary>
    public int VerifyRequestsPerMinute { get; set; } = 30;

    /// <summary>ZIPs of up to this many certificates are built while one waits; larger ones by a background job.</summary>
    public int InlineZipLimit { get; set; } = 200;

    /// <summary>Culture of the certificate template (<c>ja</c>: the city's official language).</summary>
    public string Culture { get; set; } = "ja";
}
