using FluentValidation;
using Lms.Framework.Mediator;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Framework;

public sealed class MediatorTests
{
    public sealed record SomethingHappened(string What) : INotification;

    public sealed class Log
    {
        public List<string> Lines { get; } = [];
    }

    public sealed class ThrowingSubscriber : INotificationHandler<SomethingHappened>
    {
        public Task Handle(SomethingHappened notification, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    public sealed class ThrowingSynchronouslySubscriber : INotificationHandler<SomethingHappened>
    {
        public Task Handle(SomethingHappened notification, CancellationToken cancellationToken) => throw new InvalidOperationException("sync boom");
    }

    public sealed class RecordingSubscriber(Log log) : INotificationHandler<SomethingHappened>
    {
        public async Task Handle(SomethingHappened notification, CancellationToken cancellationToken)
        {
            await Task.Yield();
            log.Lines.Add(notification.What);
        }
    }

    public sealed record Greet(string? Name) : IRequest<string>;

    public sealed class GreetValidator : AbstractValidator<Greet>
    {
        public GreetValidator() => RuleFor(g => g.Name).NotEmpty().WithMessage("名前を入力してください。");
    }

    public sealed class GreetHandler(Log log) : IRequestHandler<Greet, string>
    {
        public Task<string> Handle(Greet request, CancellationToken cancellationToken)
        {
            log.Lines.Add("handled " + request.Name);
            return Task.FromResult($"{request.Name} さん、こんにちは");
        }
    }

    private static (IMediator Mediator, Log Log) Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Log>();
        services.AddLmsMediator([typeof(MediatorTests).Assembly]);
        var provider = services.BuildServiceProvider().CreateScope().ServiceProvider;
        return (provider.GetRequiredService<IMediator>(), provider.GetRequiredService<Log>());
    }

    [Fact]
    public async Task A_failing_subscriber_neither_fails_the_publisher_nor_stops_the_others()
    {
        var (mediator, log) = Build();

        await mediator.Publish(new SomethingHappened("lesson completed"));

        Assert.Equal(["lesson completed"], log.Lines);
    }

    [Fact]
    public async Task Requests_are_validated_before_their_handler_runs()
    {
        var (mediator, log) = Build();

        var e = await Assert.ThrowsAsync<ValidationException>(() => mediator.Send(new Greet("")));

        Assert.Contains("名前を入力してください。", e.Errors.Select(x => x.ErrorMessage));
        Assert.Empty(log.Lines);
        Assert.Equal("山田 さん、こんにちは", await mediator.Send(new Greet("山田")));
    }
}
