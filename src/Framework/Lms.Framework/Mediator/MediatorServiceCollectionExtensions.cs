using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Mediator;

public static class MediatorServiceCollectionExtensions
{
    /// <summary>
    /// MediatR 5.1.0 has no DI package that restores here: register the mediator by hand and scan
    /// the given assemblies for request and notification handlers and validators.
    /// </summary>
    public static IServiceCollection AddLmsMediator(this IServiceCollection services, IEnumerable<Assembly> assemblies)
    {
        services.AddScoped<ServiceFactory>(sp => type => IsolatingServiceFactory.GetService(sp, type));
        services.AddScoped<IMediator, LmsMediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(FluentValidation.IValidator<>) };
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes).Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var @interface in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(@interface, type);
            }
        }

        return services;
    }

    private static Type[] SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return [.. e.Types.OfType<Type>()];
        }
    }
}

internal sealed class LmsMediator(ServiceFactory serviceFactory) : MediatR.Mediator(serviceFactory);

/// <summary>
/// Wraps every notification handler MediatR asks for, so that one failing subscriber is logged
/// and the others still run: the publisher's committed work must never be undone by a subscriber.
/// </summary>
internal static class IsolatingServiceFactory
{
    public static object? GetService(IServiceProvider provider, Type serviceType)
    {
        var service = provider.GetService(serviceType);
        if (service is null || !serviceType.IsGenericType || serviceType.GetGenericTypeDefinition() != typeof(IEnumerable<>))
        {
            return service;
        }

        var element = serviceType.GetGenericArguments()[0];
        if (!element.IsGenericType || element.GetGenericTypeDefinition() != typeof(INotificationHandler<>))
        {
            return service;
        }

        var notificationType = element.GetGenericArguments()[0];
        var wrapperType = typeof(IsolatedNotificationHandler<>).MakeGenericType(notificationType);
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        var handlers = ((System.Collections.IEnumerable)service).Cast<object>().ToList();
        var array = Array.CreateInstance(element, handlers.Count);
        for (var i = 0; i < handlers.Count; i++)
        {
            array.SetValue(Activator.CreateInstance(wrapperType, handlers[i], loggerFactory.CreateLogger(handlers[i].GetType())), i);
        }

        return array;
    }
}

internal sealed class IsolatedNotificationHandler<TNotification>(INotificationHandler<TNotification> inner, ILogger logger) : INotificationHandler<TNotification>
    where TNotification : INotification
{
    public async Task Handle(TNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await inner.Handle(notification, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Subscriber {Handler} failed on {Notification}; the publisher's work stands and the other subscribers still run", inner.GetType().FullName, typeof(TNotification).Name);
        }
    }
}
