using System.Text;
using Lms.Framework.Data;
using Lms.Modules.Notifications.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer.Protocol;

namespace Lms.Tests.Notifications;

/// <summary>The SMTP transport against a real SMTP server in the test process, the pickup folder, and the message format.</summary>
public sealed class MailTransportTests : IAsyncLifetime
{
    private const string Subject = "【研修】「窓口対応の基本」の受講期限が近づいています";
    private const string Body = "山田 太郎 様\n\n「窓口対応の基本」の受講期限は 2026年12月1日 です。\nご確認ください。\n\n○○市 研修システム";
    private const string ToName = "山田 太郎";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "lms-mail-" + Guid.NewGuid().ToString("N"));
    private TestSmtpServer server = null!;

    public async Task InitializeAsync() => server = await TestSmtpServer.StartOnFreePortAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static OutgoingMail Mail(string to = "taro.yamada@city.example.lg.jp", string? id = null) => new(
        id ?? $"<{Guid.NewGuid():N}@lms>",
        to,
        ToName,
        Subject,
        Body,
        UnsubscribeUrl: "https://lms.city.example.lg.jp/notifications/unsubscribe?token=abc123",
        Category: "reminder.due-soon");

    private MailOptions SmtpOptions(int? port = null) => new()
    {
        From = "kenshu@city.example.lg.jp",
        FromName = "○○市 研修システム",
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port ?? server.Port,
            Security = SmtpSecurity.None,
            TimeoutSeconds = 5,
        },
    };

    private SmtpMailTransport Smtp(int? port = null) => new(Options.Create(SmtpOptions(port)));

    [Fact]
    public async Task SMTP_delivers_Japanese_subject_body_and_name_with_the_given_Message_Id_and_unsubscribe_headers()
    {
        var mail = Mail();

        await using (var session = await Smtp().OpenAsync(CancellationToken.None))
        {
            await session.SendAsync(mail, CancellationToken.None);
        }

        var received = Assert.Single(server.Received);
        Assert.Equal(Subject, received.Subject);
        Assert.Equal(mail.MessageId, "<" + received.MessageId + ">");
        Assert.Equal(mail.MessageId, received.Headers[HeaderId.MessageId]);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(received.To));
        Assert.Equal(ToName, to.Name);
        Assert.Equal("taro.yamada@city.example.lg.jp", to.Address);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(received.From));
        Assert.Equal("○○市 研修システム", from.Name);
        Assert.Equal(Body, Normalise(received.TextBody));
        Assert.Equal("<https://lms.city.example.lg.jp/notifications/unsubscribe?token=abc123>", received.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("reminder.due-soon", received.Headers["X-Lms-Category"]);
    }

    [Fact]
    public async Task One_session_sends_several_messages()
    {
        await using (var session = await Smtp().OpenAsync(CancellationToken.None))
        {
            for (var i = 0; i < 3; i++)
            {
                await session.SendAsync(Mail($"user{i}@city.example.lg.jp"), CancellationToken.None);
            }
        }

        Assert.Equal(
            ["user0@city.example.lg.jp", "user1@city.example.lg.jp", "user2@city.example.lg.jp"],
            server.Received.Select(m => ((MailboxAddress)m.To.Single()).Address));
    }

    [Fact]
    public async Task A_451_reply_is_transient_and_the_same_session_sends_once_the_server_recovers()
    {
        await using var session = await Smtp().OpenAsync(CancellationToken.None);
        server.FailWith = new SmtpResponse((SmtpReplyCode)451, "local error in processing");

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail(), CancellationToken.None));
        Assert.False(failure.Permanent);
        Assert.Contains("451", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);

        server.FailWith = null;
        await session.SendAsync(Mail(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_5xx_reply_to_DATA_is_not_a_recipient_rejection_so_it_stays_transient()
    {
        await using var session = await Smtp().OpenAsync(CancellationToken.None);
        server.FailWith = new SmtpResponse((SmtpReplyCode)554, "transaction failed");

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail(), CancellationToken.None));
        Assert.False(failure.Permanent);
    }

    [Fact]
    public async Task A_recipient_refused_with_550_is_permanent_and_the_session_goes_on_with_the_next_one()
    {
        server.RejectRecipient = address => address.StartsWith("gone@", StringComparison.Ordinal);
        await using var session = await Smtp().OpenAsync(CancellationToken.None);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail("gone@city.example.lg.jp"), CancellationToken.None));
        Assert.True(failure.Permanent);
        Assert.Contains("550", failure.Message, StringComparison.Ordinal);

        await session.SendAsync(Mail("here@city.example.lg.jp"), CancellationToken.None);
        Assert.Equal("here@city.example.lg.jp", ((MailboxAddress)Assert.Single(server.Received).To.Single()).Address);
    }

    [Fact]
    public async Task Nothing_listening_is_transient()
    {
        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => Smtp(TestSmtpServer.FreePort()).OpenAsync(CancellationToken.None));
        Assert.False(failure.Permanent);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_transient_after_the_timeout()
    {
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (backlog) but never sends the greeting
        try
        {
            var options = SmtpOptions(((System.Net.IPEndPoint)silent.LocalEndpoint).Port);
            options.Smtp.TimeoutSeconds = 1;
            var started = System.Diagnostics.Stopwatch.StartNew();

            var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => new SmtpMailTransport(Options.Create(options)).OpenAsync(CancellationToken.None));

            Assert.False(failure.Permanent);
            Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_session_whose_server_went_away_fails_transiently_then_reconnects_when_it_is_back()
    {
        await using var session = await Smtp().OpenAsync(CancellationToken.None);
        await session.SendAsync(Mail(), CancellationToken.None);

        await server.StopAsync();
        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail(), CancellationToken.None));
        Assert.False(failure.Permanent);
        failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail(), CancellationToken.None));
        Assert.False(failure.Permanent);

        await server.StartAsync();
        await session.SendAsync(Mail(), CancellationToken.None);
        Assert.Equal(2, server.Received.Count);

        await using var fresh = await Smtp().OpenAsync(CancellationToken.None);
        await fresh.SendAsync(Mail(), CancellationToken.None);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task A_message_that_cannot_be_built_is_permanent()
    {
        await using var session = await Smtp().OpenAsync(CancellationToken.None);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(Mail(id: "not a message id"), CancellationToken.None));

        Assert.True(failure.Permanent);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Pickup_writes_one_eml_per_Message_Id_that_parses_back()
    {
        var transport = Pickup(new MailOptions { PickupDirectory = folder, From = "kenshu@city.example.lg.jp", FromName = "○○市 研修システム" });
        var mail = Mail();

        await using (var session = await transport.OpenAsync(CancellationToken.None))
        {
            await session.SendAsync(mail, CancellationToken.None);
            await session.SendAsync(mail with { Subject = "retry" }, CancellationToken.None);
        }

        await using (var again = await transport.OpenAsync(CancellationToken.None))
        {
            await again.SendAsync(mail, CancellationToken.None);
        }

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(mail.MessageId.Trim('<', '>') + ".eml", Path.GetFileName(file));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.All(bytes, b => Assert.True(b < 128, "the .eml is 7-bit"));
        Assert.Contains("\r\n", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        var parsed = await MimeMessage.LoadAsync(file);
        Assert.Equal(Subject, parsed.Subject);
        Assert.Equal(ToName, ((MailboxAddress)parsed.To.Single()).Name);
        Assert.Equal("○○市 研修システム", ((MailboxAddress)parsed.From.Single()).Name);
        Assert.Equal(Body, Normalise(parsed.TextBody));
        Assert.Equal(mail.MessageId, parsed.Headers[HeaderId.MessageId]);
    }

    [Fact]
    public async Task Pickup_creates_its_folder_and_keeps_odd_Message_Ids_inside_it()
    {
        var transport = Pickup(new MailOptions { PickupDirectory = folder });

        await using (var session = await transport.OpenAsync(CancellationToken.None))
        {
            await session.SendAsync(Mail(id: "<..%2F..%2Fx/y@lms>"), CancellationToken.None);
            await session.SendAsync(Mail(id: "<..%2F..%2Fx_y@lms>"), CancellationToken.None);
        }

        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal(folder, Path.GetDirectoryName(f)));
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Pickup_defaults_to_mail_pickup_in_the_data_directory_and_resolves_relative_paths_against_the_content_root()
    {
        Assert.Equal(Path.Combine(folder, "data", "mail", "pickup"), Pickup(new MailOptions()).Directory);
        Assert.Equal(Path.Combine(folder, "root", "outbox"), Pickup(new MailOptions { PickupDirectory = "outbox" }).Directory);
        Assert.Equal("/var/mail/lms", Pickup(new MailOptions { PickupDirectory = "/var/mail/lms" }).Directory);
    }

    [Fact]
    public async Task The_configured_transport_follows_Lms_Mail_Smtp_Host()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lms:Mail:PickupDirectory"] = folder,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(Environment());
        services.Configure<DatabaseOptions>(o => o.DataDirectory = Path.Combine(folder, "data"));
        MailServices.Add(services);
        await using var provider = services.BuildServiceProvider();

        var configured = provider.GetRequiredService<ConfiguredMailTransport>();
        Assert.Same(configured, provider.GetRequiredService<IMailTransport>());
        Assert.Equal("pickup folder " + folder, configured.Describe());
        await using (var session = await configured.OpenAsync(CancellationToken.None))
        {
            await session.SendAsync(Mail(), CancellationToken.None);
        }

        Assert.Single(Directory.GetFiles(folder, "*.eml"));

        configuration["Lms:Mail:Smtp:Host"] = "127.0.0.1";
        configuration["Lms:Mail:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Lms:Mail:Smtp:Security"] = "None";
        configuration.Reload();

        Assert.Equal($"SMTP 127.0.0.1:{server.Port} (None)", configured.Describe());
        await using (var session = await configured.OpenAsync(CancellationToken.None))
        {
            await session.SendAsync(Mail(), CancellationToken.None);
        }

        Assert.Single(server.Received);
        Assert.Single(Directory.GetFiles(folder, "*.eml"));
    }

    [Fact]
    public void Options_have_the_documented_defaults_and_bind_from_configuration()
    {
        var defaults = new MailOptions();
        Assert.Equal("no-reply@localhost", defaults.From);
        Assert.Equal("", defaults.FromName);
        Assert.Null(defaults.PickupDirectory);
        Assert.Equal("", defaults.Smtp.Host);
        Assert.Equal(587, defaults.Smtp.Port);
        Assert.Equal(SmtpSecurity.Auto, defaults.Smtp.Security);
        Assert.Equal(30, defaults.Smtp.TimeoutSeconds);

        var bound = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lms:Mail:From"] = "kenshu@city.example.lg.jp",
                ["Lms:Mail:Smtp:Host"] = "smtp.city.lg.jp",
                ["Lms:Mail:Smtp:Security"] = "StartTls",
                ["Lms:Mail:Smtp:UserName"] = "lms",
            })
            .Build()
            .GetSection(MailOptions.Section)
            .Get<MailOptions>()!;
        Assert.Equal("kenshu@city.example.lg.jp", bound.From);
        Assert.Equal(SmtpSecurity.StartTls, bound.Smtp.Security);
        Assert.Equal("SMTP smtp.city.lg.jp:587 (StartTls) as lms", new SmtpMailTransport(Options.Create(bound)).Describe());
    }

    [Fact]
    public async Task The_message_round_trips_through_its_eml_form()
    {
        var mail = Mail() with { UnsubscribeUrl = null, Category = null };
        var date = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(9));

        var message = MailMessageFactory.Create(mail, new MailOptions(), date);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer);
        buffer.Position = 0;
        var parsed = await MimeMessage.LoadAsync(buffer);

        Assert.Equal(Subject, parsed.Subject);
        Assert.Equal(ToName, ((MailboxAddress)parsed.To.Single()).Name);
        Assert.Equal(Body, Normalise(parsed.TextBody));
        Assert.Equal(date, parsed.Date);
        Assert.Equal("no-reply@localhost", ((MailboxAddress)parsed.From.Single()).Address);
        var text = Assert.IsType<TextPart>(parsed.Body);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.True(text.IsPlain);
        Assert.Null(parsed.Headers["List-Unsubscribe"]);
        Assert.Null(parsed.Headers["X-Lms-Category"]);
        // Headers are encoded words, not raw UTF-8.
        Assert.DoesNotContain("窓口", Encoding.UTF8.GetString(buffer.ToArray()), StringComparison.Ordinal);
    }

    private PickupDirectoryMailTransport Pickup(MailOptions options) => new(
        Options.Create(options),
        Options.Create(new DatabaseOptions { DataDirectory = Path.Combine(folder, "data") }),
        Environment());

    private HostingEnvironment Environment() => new()
    {
        ContentRootPath = Path.Combine(folder, "root"),
        ContentRootFileProvider = new NullFileProvider(),
        EnvironmentName = Environments.Development,
        ApplicationName = "Lms.Tests",
    };

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    private sealed class HostingEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
