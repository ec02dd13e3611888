using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Features.OpenBadges;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Lms.Tests.Gamification.OpenBadgesTestData;

namespace Lms.Tests.Gamification;

/// <summary>Open Badges 3.0: the signed OpenBadgeCredential (VC-JWT), checked as a verifier would with the site's published keys.</summary>
public sealed class OpenBadges3Tests(LmsAppFactory factory) : SiteTest(factory)
{
    /// <summary>Path of 1EdTech's JSON Schema of the AchievementCredential (CI: ../shared/standards/ob3p0-achievementcredential.schema.json).</summary>
    public const string SchemaVariable = "LMS_OB3_SCHEMA";

    /// <summary>"1": a missing schema file fails the test instead of skipping its check.</summary>
    public const string RequireSchemaVariable = "LMS_REQUIRE_OB3_SCHEMA";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
    }

    [Fact]
    public async Task The_credential_is_a_VC_JWT_whose_signature_verifies_with_the_key_published_in_the_JWKS()
    {
        var award = await AwardAsync(Factory);
        var verifier = Verifier(Factory, "application/vc+jwt");

        var response = await verifier.GetAsync($"/api/v1/badges/credentials/{award.AwardId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var jwt = await response.Content.ReadAsStringAsync();
        Assert.Equal(3, jwt.Split('.').Length);

        var jwksResponse = await verifier.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, jwksResponse.StatusCode);
        var jwks = new JsonWebKeySet(await jwksResponse.Content.ReadAsStringAsync());
        var key = Assert.Single(jwks.Keys);
        Assert.Null(key.D); // never the private half
        var token = new JsonWebToken(jwt);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("JWT", token.Typ);
        Assert.Equal(key.Kid, token.Kid);
        // The kid is a URL that answers with that very key (Open Badges 3.0: a dereferenceable kid).
        var byKid = await verifier.GetAsync(PathOf(token.Kid));
        Assert.Equal(HttpStatusCode.OK, byKid.StatusCode);
        Assert.Equal(key.N, new JsonWebKey(await byKid.Content.ReadAsStringAsync()).N);

        var credential = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        var issuerId = (string)credential["issuer"]!["id"]!;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = issuerId,
            ValidateAudience = false,
            RequireExpirationTime = false, // a badge does not expire
            ValidAlgorithms = ["RS256"],
        });
        Assert.True(result.IsValid, result.Exception?.ToString());

        // Someone else's key does not verify it.
        using var otherRsa = System.Security.Cryptography.RSA.Create(2048);
        var forged = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(otherRsa.ExportParameters(false)) { KeyId = key.Kid },
            ValidIssuer = issuerId,
            ValidateAudience = false,
            RequireExpirationTime = false,
        });
        Assert.False(forged.IsValid);

        // The JWT claims mirror the credential, as Open Badges 3.0 and VC-JOSE-COSE want.
        Assert.Equal(issuerId, token.Issuer);
        Assert.Equal((string?)credential["id"], token.Id);
        Assert.Equal((string?)credential["credentialSubject"]!["id"], token.Subject);
        Assert.Equal(DateTimeOffset.Parse((string)credential["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, token.ValidFrom);
        Assert.False(token.TryGetPayloadValue<object>("vc", out _)); // the payload is the credential, not wrapped
        Assert.False(token.TryGetPayloadValue<object>("exp", out _));
    }

    [Fact]
    public async Task The_credential_has_the_required_fields_and_names_its_holder_only_by_a_salted_hash()
    {
        var award = await AwardAsync(Factory);
        var verifier = Verifier(Factory, "application/vc+jwt");

        var jwt = await verifier.GetStringAsync($"/api/v1/badges/credentials/{award.AwardId}");
        var payloadText = Base64UrlEncoder.Decode(new JsonWebToken(jwt).EncodedPayload);
        var credential = JsonNode.Parse(payloadText)!.AsObject();

        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            credential["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal($"urn:uuid:{award.AwardId}", (string?)credential["id"]);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], credential["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("2026-05-13T03:00:00Z", (string?)credential["validFrom"]);
        Assert.Equal("共感の一歩", (string?)credential["name"]);

        var issuer = credential["issuer"]!.AsObject();
        Assert.Equal(["Profile"], issuer["type"]!.AsArray().Select(t => (string)t!));
        Assert.EndsWith("/api/v1/badges/issuer", (string)issuer["id"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)issuer["name"]));

        var subject = credential["credentialSubject"]!.AsObject();
        Assert.Equal(["AchievementSubject"], subject["type"]!.AsArray().Select(t => (string)t!));
        var identity = Assert.Single(subject["identifier"]!.AsArray())!.AsObject();
        Assert.Equal("IdentityObject", (string?)identity["type"]);
        Assert.Equal("emailAddress", (string?)identity["identityType"]);
        Assert.True((bool)identity["hashed"]!);
        Assert.Equal(ExpectedHash(award.Email!, (string)identity["salt"]!), (string?)identity["identityHash"]);

        var achievement = subject["achievement"]!.AsObject();
        Assert.EndsWith($"/api/v1/badges/classes/{award.BadgeId}", (string)achievement["id"]!, StringComparison.Ordinal);
        Assert.Equal(["Achievement"], achievement["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("「ワークショップ」を修了する", (string?)achievement["criteria"]!["narrative"]);
        Assert.Equal("Image", (string?)achievement["image"]!["type"]);
        Assert.Contains($"/badges/{award.BadgeId}/image", (string)achievement["image"]!["id"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)achievement["description"]));

        Assert.DoesNotContain(award.Email!, payloadText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(award.StaffId.ToString(), payloadText, StringComparison.OrdinalIgnoreCase);

        // ?format=json is the same credential, unsigned and without the JWT claims.
        var unsigned = JsonNode.Parse(await verifier.GetStringAsync($"/api/v1/badges/credentials/{award.AwardId}?format=json"))!.AsObject();
        foreach (var claim in new[] { "iss", "jti", "sub", "nbf" })
        {
            Assert.True(credential.Remove(claim), claim);
        }

        Assert.True(JsonNode.DeepEquals(credential, unsigned));
    }

    [Fact]
    public async Task The_credential_payload_is_valid_against_the_1EdTech_JSON_Schema()
    {
        var variable = Environment.GetEnvironmentVariable(SchemaVariable);
        if (SchemaPath(variable) is not { } path)
        {
            Assert.False(Environment.GetEnvironmentVariable(RequireSchemaVariable) == "1",
                $"{RequireSchemaVariable}=1 but the schema file is not there ({SchemaVariable}={variable ?? "(unset)"}).");
            return; // the required-fields test above still checks what the schema requires
        }

        var withEmail = await AwardAsync(Factory);
        var withoutEmail = await AwardAsync(Factory, userName: null);
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(path));
        var verifier = Verifier(Factory, "application/vc+jwt");

        // The schema is really applied: a credential without its issuer is refused.
        var broken = JsonNode.Parse(await verifier.GetStringAsync($"/api/v1/badges/credentials/{withEmail.AwardId}?format=json"))!.AsObject();
        broken.Remove("issuer");
        using (var brokenDocument = JsonDocument.Parse(broken.ToJsonString()))
        {
            Assert.False(schema.Evaluate(brokenDocument.RootElement).IsValid);
        }

        foreach (var award in new[] { withEmail, withoutEmail })
        {
            var jwt = await verifier.GetStringAsync($"/api/v1/badges/credentials/{award.AwardId}");
            using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(jwt).EncodedPayload));
            var results = schema.Evaluate(payload.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))));
        }
    }

    /// <summary>The schema file: the path as given, or relative to the repository root (CI gives <c>../shared/...</c> from there).</summary>
    private static string? SchemaPath(string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        return new[] { Path.GetFullPath(variable), Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot(), variable)) }
            .FirstOrDefault(File.Exists);
    }

    [Fact]
    public async Task A_revoked_award_has_no_credential()
    {
        var award = await AwardAsync(Factory, revokedReason: "授与の誤り");

        var response = await Verifier(Factory, "application/vc+jwt").GetAsync($"/api/v1/badges/credentials/{award.AwardId}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_first_uses_of_the_signing_key_make_one_key_and_all_sign_with_it()
    {
        Assert.Equal(0, await Factory.WithScopeAsync(sp => sp.GetRequiredService<GamificationDbContext>().SigningKeys.CountAsync()));
        (Factory.Services.GetRequiredService<IMemoryCache>() as MemoryCache)?.Clear();
        using var start = new Barrier(6);

        var keys = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return Factory.WithScopeAsync(sp => sp.GetRequiredService<SigningKeyStore>().GetOrCreateAsync(CancellationToken.None));
        })));

        var stored = await Factory.WithScopeAsync(sp => sp.GetRequiredService<GamificationDbContext>().SigningKeys.AsNoTracking().ToListAsync());
        var row = Assert.Single(stored);
        Assert.All(keys, k => Assert.Equal(row.Id, k.Id));
        Assert.All(keys, k => Assert.Equal(row.PublicJwk, k.PublicJwk.ToJsonString()));
        Assert.DoesNotContain("\"d\"", row.PublicJwk, StringComparison.Ordinal);
        Assert.False(row.ProtectedPrivateKey.StartsWith("MII", StringComparison.Ordinal)); // not a bare PKCS#8 in base64
    }
}
