using Lms.Modules.Workshops.Data;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Workshops;

public sealed class RegistrationTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
    }

    [Fact]
    public async Task A_learner_registers_for_a_session_of_their_workshop()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");

        var result = await WorkshopFixture.RegisterAsync(Factory, session, me);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RegistrationStatus.Registered, result.Status);
    }
}
