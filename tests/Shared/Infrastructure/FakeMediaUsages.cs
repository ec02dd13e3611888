using System.Collections.Concurrent;
using Lms.Contracts.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// A module that says "this file is used here" when a test tells it to (the Courses module's real provider
/// comes later). Registered beside the real providers; empty after every reset.
/// </summary>
public sealed class FakeMediaUsages : IMediaUsageProvider
{
    private readonly ConcurrentDictionary<Guid, MediaUsage> usages = new();

    public void Add(Guid mediaId, MediaUsage usage) => usages[mediaId] = usage;

    public void Clear() => usages.Clear();

    public Task<IReadOnlyList<MediaUsage>> FindUsagesAsync(Guid mediaId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MediaUsage>>(usages.TryGetValue(mediaId, out var usage) ? [usage] : []);

    internal void Register(IServiceCollection services) => services.AddSingleton<IMediaUsageProvider>(this);
}
