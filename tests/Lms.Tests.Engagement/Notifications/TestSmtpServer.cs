using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Lms.Tests.Notifications;

/// <summary>
/// A real SMTP server (SmtpServer) on 127.0.0.1 for transport tests. It keeps what it receives in
/// <see cref="Received"/>; <see cref="FailWith"/> makes it refuse messages after DATA, <see cref="RejectRecipient"/>
/// refuses recipients at RCPT TO, and <see cref="StopAsync"/> / <see cref="StartAsync"/> take it off and back on
/// the same port.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<MimeMessage> received = [];
    private CancellationTokenSource? stopping;
    private Task? running;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Messages accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    /// <summary>When set, the answer to each message's DATA (e.g. 451 or 554) instead of 250, and nothing is kept.</summary>
    public SmtpResponse? FailWith { get; set; }

    /// <summary>When it returns true for an address ("user@host"), RCPT TO is refused with 550.</summary>
    public Func<string, bool>? RejectRecipient { get; set; }

    public bool IsRunning => running is { IsCompleted: false };

    /// <summary>A started server on a free port.</summary>
    public static async Task<TestSmtpServer> StartOnFreePortAsync()
    {
        var server = new TestSmtpServer(FreePort());
        await server.StartAsync();
        return server;
    }

    /// <summary>A port nothing listens on (at the moment of asking).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Starts listening (again) on <see cref="Port"/>; returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();

        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));

        stopping = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);

        var started = await Task.WhenAny(listening.Task, running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (started != listening.Task)
        {
            await running; // surfaces the failure to listen, if any
            throw new InvalidOperationException($"The test SMTP server did not start on port {Port}.");
        }
    }

    /// <summary>Stops listening and drops open connections: clients get refused or cut off.</summary>
    public async Task StopAsync()
    {
        if (stopping is null || running is null)
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
        stopping = null;
        running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer server) : IMessageStore
    {
        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.FailWith is { } failure)
            {
                return Task.FromResult(failure);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            lock (server.gate)
            {
                server.received.Add(message);
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        // false: SmtpServer answers RCPT TO with 550 mailbox unavailable.
        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(server.RejectRecipient?.Invoke(to.User + "@" + to.Host) != true);
    }
}
