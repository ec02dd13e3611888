using System.Security.Cryptography;
using System.Text;
using Lms.Framework.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lms.Modules.Notifications.Mail;

/// <summary>
/// Writes each message as <c>&lt;Message-Id&gt;.eml</c> into a folder (by default <c>mail/pickup</c> under the data
/// directory). The file appears whole or not at all (written aside, then renamed), and a message whose file is
/// already there counts as delivered: a retry of the same outbox row never makes a second file.
/// </summary>
internal sealed class PickupDirectoryMailTransport : IMailTransport
{
    private const int MaxFileNameLength = 120;

    private static readonly FormatOptions EmlFormat = CreateFormat();

    private readonly MailOptions options;

    public PickupDirectoryMailTransport(IOptions<MailOptions> mail, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        options = mail.Value;
        Directory = ResolveDirectory(options, database.Value, environment);
    }

    /// <summary>Absolute path of the pickup folder.</summary>
    public string Directory { get; }

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"Cannot create the pickup folder {Directory}: {ex.Message}", permanent: false, ex);
        }

        return Task.FromResult<IMailSession>(new Session(this));
    }

    /// <summary>For the admin page.</summary>
    public string Describe() => "pickup folder " + Directory;

    internal static string ResolveDirectory(MailOptions mail, DatabaseOptions database, IHostEnvironment environment) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(mail.PickupDirectory)
            ? Path.Combine(database.DataDirectory, "mail", "pickup")
            : Path.Combine(environment.ContentRootPath, mail.PickupDirectory));

    /// <summary>
    /// The file name (without <c>.eml</c>) for a Message-Id: its letters, digits and <c>@ . - _</c>; anything else
    /// becomes <c>_</c>, and then a hash of the whole id is appended so two ids never share a file.
    /// </summary>
    internal static string FileNameFor(string messageId)
    {
        var id = messageId.Trim();
        if (id.Length >= 2 && id[0] == '<' && id[^1] == '>')
        {
            id = id[1..^1];
        }

        var name = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_');
        }

        var safe = name.ToString();
        if (safe.Length == 0 || safe != id || safe.Length > MaxFileNameLength || safe[0] == '.')
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];
            safe = "_" + safe[..Math.Min(safe.Length, MaxFileNameLength)] + "-" + hash;
        }

        return safe;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos; // .eml files and pickup services expect CRLF
        return format;
    }

    private sealed class Session(PickupDirectoryMailTransport transport) : IMailSession
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            var message = MailMessageFactory.CreateForDelivery(mail, transport.options);
            var target = Path.Combine(transport.Directory, FileNameFor(mail.MessageId) + ".eml");
            if (File.Exists(target))
            {
                return; // delivered by an earlier attempt
            }

            // Same folder, so the rename is atomic; a leading dot and another extension keep a pickup service off it.
            var temp = Path.Combine(transport.Directory, "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                System.IO.Directory.CreateDirectory(transport.Directory); // in case it was removed meanwhile
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, FileOptions.Asynchronous))
                {
                    await message.WriteToAsync(EmlFormat, file, cancellationToken);
                    await file.FlushAsync(cancellationToken);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temp, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another attempt got there first: the message is delivered once.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MailDeliveryException($"Cannot write {target}: {ex.Message}", permanent: false, ex);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
