using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Progress;
using MediatR;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Gamification.Home;

/// <summary>The newest badge as the panel shows it (both names: the cache serves every language; the date already on the site's clock).</summary>
internal sealed record LatestBadge(string NameJa, string NameEn, string ImageUrl, string AwardedOn)
{
    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
}

/// <summary>What the home panel shows; <see cref="Hidden"/> when the person switched the displays off.</summary>
internal sealed record PanelFacts(bool Hidden, PlayerProgress? Progress, LatestBadge? Latest)
{
    public static readonly PanelFacts Off = new(true, null, null);
}

/// <summary>
/// The home page is the most visited page and has a query budget; the panel's facts change only when the
/// person learns, is awarded or revoked a badge, or changes their settings. So they are kept for a short
/// while and forgotten on each of those events; the lifetime bounds what no event announces (the nightly
/// reconciliation, a new week, another server of a shared deployment).
/// </summary>
internal sealed class GamificationPanelCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private sealed record Key(Guid StaffId);

    public bool TryGet(Guid staffId, out PanelFacts facts) =>
        cache.TryGetValue(new Key(staffId), out facts!) && facts is not null;

    public void Set(Guid staffId, PanelFacts facts) => cache.Set(new Key(staffId), facts, Lifetime);

    public void Forget(Guid staffId) => cache.Remove(new Key(staffId));
}

// Forgetting is all these do: the next home page reads afresh. Whether they run before or after the ledger's
// own subscriber, a page can only be stale if it is requested within the same moment, and then for at most the lifetime.

internal sealed class ForgetPanelOnActivityCompleted(GamificationPanelCache panel) : INotificationHandler<ActivityCompleted>
{
    public Task Handle(ActivityCompleted notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetPanelOnCourseCompleted(GamificationPanelCache panel) : INotificationHandler<CourseCompleted>
{
    public Task Handle(CourseCompleted notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetPanelOnActivityCompletionReversed(GamificationPanelCache panel) : INotificationHandler<ActivityCompletionReversed>
{
    public Task Handle(ActivityCompletionReversed notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetPanelOnWorkshopCompleted(GamificationPanelCache panel) : INotificationHandler<WorkshopCompleted>
{
    public Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetPanelOnBadgeAwarded(GamificationPanelCache panel) : INotificationHandler<BadgeAwarded>
{
    public Task Handle(BadgeAwarded notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class ForgetPanelOnBadgeRevoked(GamificationPanelCache panel) : INotificationHandler<BadgeRevoked>
{
    public Task Handle(BadgeRevoked notification, CancellationToken cancellationToken)
    {
        panel.Forget(notification.StaffId);
        return Task.CompletedTask;
    }
}
