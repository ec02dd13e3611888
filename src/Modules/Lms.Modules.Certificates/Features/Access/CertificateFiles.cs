using System.IO.Compression;
using System.Text;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Lms.Modules.Certificates.Storage;

namespace Lms.Modules.Certificates.Features.Access;

/// <summary>File names people will see, and ZIPs of many certificates.</summary>
internal static class CertificateFiles
{
    /// <summary><c>修了証_山田花子_DXの基本_7K3M-Q9XD-2HPA-W4RT.pdf</c>: readable, unique by its code, safe on every OS.</summary>
    public static string FileName(Certificate certificate) =>
        Safe($"修了証_{certificate.RecipientName.Replace(" ", "", StringComparison.Ordinal)}_{Shorten(certificate.Title, 40)}_{VerificationCodes.Display(certificate.Code)}") + ".pdf";

    /// <summary>ZIP entry: <c>{employee number}_{name}_{title}_{code}.pdf</c>, so a folder sorts by person.</summary>
    public static string EntryName(Certificate certificate) =>
        Safe($"{certificate.EmployeeNumber}_{certificate.RecipientName.Replace(" ", "", StringComparison.Ordinal)}_{Shorten(certificate.Title, 40)}_{VerificationCodes.Display(certificate.Code)}") + ".pdf";

    /// <summary>
    /// Writes the certificates' stored PDFs into a ZIP (they are compressed already: stored, not deflated). The
    /// archive writes synchronously: give it a file or a memory stream, never a response body.
    /// </summary>
    public static async Task<int> WriteZipAsync(Stream output, IEnumerable<Certificate> certificates, CertificateStore store, CancellationToken cancellationToken)
    {
        var count = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        foreach (var certificate in certificates)
        {
            await using var source = store.OpenRead(certificate.FileKey);
            if (source is null)
            {
                continue;
            }

            var entry = zip.CreateEntry(EntryName(certificate), CompressionLevel.NoCompression);
            entry.LastWriteTime = certificate.IssuedAt;
            await using (var target = entry.Open())
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            count++;
        }

        return count;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Safe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        return text.ToString().Trim();
    }
}
