using System.Net;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Gamification.OpenBadgesTestData;

namespace Lms.Tests.Gamification;

/// <summary>Open Badges 2.0 hosted verification: the Assertion, its BadgeClass and the issuer Profile, fetched as a verifier would.</summary>
public sealed class OpenBadges2Tests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
    }

    [Fact]
    public async Task A_hosted_assertion_has_every_field_the_2_0_specification_requires_and_names_its_holder_only_by_a_salted_hash()
    {
        var award = await AwardAsync(Factory);
        var verifier = Verifier(Factory);

        var response = await verifier.GetAsync($"/api/v1/badges/assertions/{award.AwardId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var text = await response.Content.ReadAsStringAsync();
        var assertion = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("https://w3id.org/openbadges/v2", (string?)assertion["@context"]);
        Assert.Equal("Assertion", (string?)assertion["type"]);
        Assert.Equal($"/api/v1/badges/assertions/{award.AwardId}", PathOf((string)assertion["id"]!));
        Assert.StartsWith("http", (string)assertion["id"]!, StringComparison.Ordinal);
        Assert.Equal("hosted", (string?)assertion["verification"]!["type"]);
        Assert.True(DateTimeOffset.TryParse((string?)assertion["issuedOn"], out var issuedOn));
        Assert.Equal(new DateTimeOffset(2026, 5, 13, 3, 0, 0, TimeSpan.Zero), issuedOn);
        Assert.EndsWith("Z", (string)assertion["issuedOn"]!, StringComparison.Ordinal);

        var recipient = assertion["recipient"]!.AsObject();
        Assert.Equal("email", (string?)recipient["type"]);
        Assert.True((bool)recipient["hashed"]!);
        var salt = (string)recipient["salt"]!;
        Assert.False(string.IsNullOrEmpty(salt));
        Assert.NotNull(award.Email);
        Assert.Equal(ExpectedHash(award.Email!, salt), (string?)recipient["identity"]);
        // Nothing else about the person: no address, no name, no staff id, no reason of the award.
        Assert.DoesNotContain(award.Email!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(award.StaffId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("山田", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"", text, StringComparison.Ordinal);

        // The evidence says what earned it: the workshop, its course and the day of the session on the site's clock.
        var evidence = (string)assertion["evidence"]!["narrative"]!;
        Assert.Contains(WorkshopTitle, evidence, StringComparison.Ordinal);
        Assert.Contains(CourseTitle, evidence, StringComparison.Ordinal);
        Assert.Contains("2026/05/12", evidence, StringComparison.Ordinal);

        // The same document every time: a baked copy is compared with it.
        Assert.Equal(text, await verifier.GetStringAsync($"/api/v1/badges/assertions/{award.AwardId}"));

        var badgeClass = await JsonAsync(await verifier.GetAsync(PathOf((string)assertion["badge"]!)));
        Assert.Equal("https://w3id.org/openbadges/v2", (string?)badgeClass["@context"]);
        Assert.Equal("BadgeClass", (string?)badgeClass["type"]);
        Assert.Equal((string?)assertion["badge"], (string?)badgeClass["id"]);
        Assert.Equal("共感の一歩", (string?)badgeClass["name"]);
        Assert.Equal("ペルソナのワークショップを修了した人のバッジです。", (string?)badgeClass["description"]);
        Assert.Equal("「ワークショップ」を修了する", (string?)badgeClass["criteria"]!["narrative"]);
        var image = await verifier.GetAsync(PathOf((string)badgeClass["image"]!));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType!.MediaType);

        var issuer = await JsonAsync(await verifier.GetAsync(PathOf((string)badgeClass["issuer"]!)));
        Assert.Equal("https://w3id.org/openbadges/v2", (string?)issuer["@context"]);
        Assert.Equal("Profile", (string?)issuer["type"]);
        Assert.Equal((string?)badgeClass["issuer"], (string?)issuer["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)issuer["name"]));
        Assert.StartsWith("http", (string)issuer["url"]!, StringComparison.Ordinal);
        // Hosted verification: assertion, badge class and issuer on one origin.
        Assert.Equal(new Uri((string)issuer["id"]!).Authority, new Uri((string)assertion["id"]!).Authority);
    }

    [Fact]
    public async Task Addresses_come_from_the_configured_base_URL_and_the_issuer_is_the_organisation()
    {
        await Factory.RunRecipeJsonAsync("""
            {"name": "t", "steps": [{"name": "settings", "siteName": "学び", "organizationName": "テスト市役所", "baseUrl": "https://learn.test-city.example.jp/"}]}
            """);
        var award = await AwardAsync(Factory);
        var verifier = Verifier(Factory);

        var assertion = await JsonAsync(await verifier.GetAsync($"/api/v1/badges/assertions/{award.AwardId}"));
        var issuer = await JsonAsync(await verifier.GetAsync("/api/v1/badges/issuer"));

        Assert.Equal($"https://learn.test-city.example.jp/api/v1/badges/assertions/{award.AwardId}", (string?)assertion["id"]);
        Assert.Equal($"https://learn.test-city.example.jp/api/v1/badges/classes/{award.BadgeId}", (string?)assertion["badge"]);
        Assert.Equal("テスト市役所", (string?)issuer["name"]);
        Assert.Equal("https://learn.test-city.example.jp", (string?)issuer["url"]);
        Assert.Equal("https://learn.test-city.example.jp/api/v1/badges/issuer", (string?)issuer["id"]);
    }

    [Fact]
    public async Task A_client_that_accepts_only_application_json_gets_application_json()
    {
        var award = await AwardAsync(Factory);

        var response = await Verifier(Factory, "application/json").GetAsync($"/api/v1/badges/assertions/{award.AwardId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Assertion", (string?)(await JsonAsync(response))["type"]);
    }

    [Fact]
    public async Task A_revoked_award_answers_410_Gone_saying_it_was_revoked_and_why()
    {
        var award = await AwardAsync(Factory, revokedReason: "授与の誤り");

        var response = await Verifier(Factory).GetAsync($"/api/v1/badges/assertions/{award.AwardId}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.True((bool)body["revoked"]!);
        Assert.Equal("授与の誤り", (string?)body["revocationReason"]);
        Assert.EndsWith($"/api/v1/badges/assertions/{award.AwardId}", (string)body["id"]!, StringComparison.Ordinal);
        Assert.Null(body["recipient"]);
        Assert.Equal(HttpStatusCode.Gone, (await Verifier(Factory).GetAsync($"/api/v1/badges/assertions/{award.AwardId}/image")).StatusCode);
    }

    [Fact]
    public async Task Unknown_awards_and_badges_answer_404()
    {
        var verifier = Verifier(Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync($"/api/v1/badges/assertions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync($"/api/v1/badges/assertions/{Guid.NewGuid()}/image")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync($"/api/v1/badges/classes/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync($"/api/v1/badges/credentials/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_holder_without_an_email_has_no_2_0_assertion_but_still_a_3_0_credential()
    {
        var award = await AwardAsync(Factory, userName: null);
        Assert.Null(award.Email);
        var verifier = Verifier(Factory);

        var assertion = await verifier.GetAsync($"/api/v1/badges/assertions/{award.AwardId}");
        var credential = await JsonAsync(await verifier.GetAsync($"/api/v1/badges/credentials/{award.AwardId}?format=json"));

        Assert.Equal(HttpStatusCode.NotFound, assertion.StatusCode);
        Assert.Contains("メールアドレス", (string)(await JsonAsync(assertion))["detail"]!, StringComparison.Ordinal);
        var subject = credential["credentialSubject"]!.AsObject();
        Assert.Null(subject["identifier"]);
        Assert.StartsWith("urn:uuid:", (string)subject["id"]!, StringComparison.Ordinal);
    }
}
