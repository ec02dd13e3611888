using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Workshops.Features.Registration;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Workshops;

/// <summary>
/// The Learning tests' small course (its workshop "w1" assigned to the general tier) on a demo city, and
/// helpers that schedule sessions and register people through the module's own services.
/// </summary>
internal static class WorkshopFixture
{
    /// <summary>The test course's workshop activity.</summary>
    public static readonly Guid WorkshopId = StableGuid.From($"course:{TestCourse.Key}/activity:w1");

    public static async Task SetUpAsync(LmsAppFactory factory, int staff = 100)
    {
        await factory.SeedDemoAsync(staff);
        await factory.RunRecipeJsonAsync(TestCourse.Recipe());
        await factory.FlushDeferredWorkAsync();
    }

    /// <summary>A session starting <paramref name="startsIn"/> from now (negative: under way or past), 90 minutes long.</summary>
    public static Task<Guid> ScheduleAsync(LmsAppFactory factory, TimeSpan startsIn, int capacity = 10, TimeSpan? deadlineBefore = null,
        IReadOnlyList<StaffTier>? tiers = null, Guid? facilitator = null, Guid? activityId = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var starts = DateTimeOffset.UtcNow.Add(startsIn);
            var by = facilitator ?? await sp.GetRequiredService<IMediator>().Send(new FindStaffByUserName("demo-admin")) ?? Guid.Empty;
            var (id, problems) = await sp.GetRequiredService<SessionEditor>().CreateAsync(new SessionInput(
                activityId ?? WorkshopId, starts, starts.AddMinutes(90), "本庁舎 5階 大会議室", null, capacity,
                starts - (deadlineBefore ?? TimeSpan.FromHours(1)), tiers ?? [], [by], null), by, CancellationToken.None);
            return id ?? throw new InvalidOperationException(string.Join("; ", problems.ByField.Select(p => $"{p.Key}: {p.Value}")));
        });

    /// <summary>Registers as the person would on a Japanese page (messages in Japanese).</summary>
    public static Task<SeatResult> RegisterAsync(LmsAppFactory factory, Guid sessionId, Guid staffId) =>
        factory.WithScopeAsync(sp =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ja-JP");
            return sp.GetRequiredService<SeatBook>().RegisterAsync(sessionId, staffId, CancellationToken.None);
        });

    /// <summary>Active general-tier staff enrolled in the test course (they may register for its workshop).</summary>
    public static Task<IReadOnlyList<Guid>> LearnersAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync<IReadOnlyList<Guid>>(async sp =>
            (await sp.GetRequiredService<IMediator>().Send(new GetStaffPlacements()))
                .Where(p => p.Tier == StaffTier.General && p.IsActive).Select(p => p.StaffId).Order().ToList());

    public static Task<Guid> StaffIdAsync(LmsAppFactory factory, string userName) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new FindStaffByUserName(userName)) ?? throw new InvalidOperationException(userName));
}
