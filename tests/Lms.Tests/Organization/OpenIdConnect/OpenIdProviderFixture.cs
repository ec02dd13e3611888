namespace Lms.Tests.Organization.OpenIdConnect;

/// <summary>One provider for the test class: Kestrel starts in well under a second, but there is no need to do it per test.</summary>
public sealed class OpenIdProviderFixture : IAsyncLifetime
{
    public TestOpenIdProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await TestOpenIdProvider.StartAsync();

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
