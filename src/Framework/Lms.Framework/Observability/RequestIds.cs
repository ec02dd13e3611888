using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lms.Framework.Observability;

/// <summary>
/// One id per request that a person can read off an error page or a response header and an operator can find
/// in the logs (the TraceId of the request's log scope) and in the traces: the W3C trace id of the request.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>The request's trace id, or ASP.NET Core's own request id when no activity runs for it.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        return activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : context.TraceIdentifier;
    }

    /// <summary>
    /// Adds <see cref="Header"/> to every response. Set when the response starts, so it survives the exception
    /// handler clearing the headers before it renders the error page.
    /// </summary>
    public static IApplicationBuilder UseLmsRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[Header] = Of(http);
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
