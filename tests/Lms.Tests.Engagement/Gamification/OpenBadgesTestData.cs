using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>An award as the Open Badges tests make it: the badge and award rows, and the holder's e-mail.</summary>
internal sealed record TestAward(Guid BadgeId, Guid AwardId, Guid StaffId, string? Email);

/// <summary>
/// A small demo city with the Learning tests' course (its workshop "w1"), badges and awards written straight
/// into the module's tables, and an independent reader of PNG files for checking baked images.
/// </summary>
internal static class OpenBadgesTestData
{
    public const string WorkshopTitle = "ワークショップ";
    public const string CourseTitle = "テスト一般職コース";

    public static readonly Guid CourseId = StableGuid.From($"course:{TestCourse.Key}");
    public static readonly Guid WorkshopId = StableGuid.From($"course:{TestCourse.Key}/activity:w1");

    /// <summary>When the workshop was signed off in these tests: 2026-05-12 10:30 in Tokyo.</summary>
    public static readonly DateTimeOffset SignedOffAt = new(2026, 5, 12, 1, 30, 0, TimeSpan.Zero);

    public static async Task SetUpAsync(LmsAppFactory factory)
    {
        await factory.SeedDemoAsync(100);
        await factory.RunRecipeJsonAsync(TestCourse.Recipe());
    }

    /// <summary>A badge for the test workshop (with an uploaded image when <paramref name="image"/> is given), awarded to <paramref name="userName"/> (or to a person the roster does not know).</summary>
    public static Task<TestAward> AwardAsync(LmsAppFactory factory, string? userName = "demo-staff", byte[]? image = null, string? revokedReason = null, string imageType = "image/png") =>
        factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            var staffId = userName is null ? Guid.NewGuid() : await mediator.Send(new FindStaffByUserName(userName)) ?? throw new InvalidOperationException(userName);
            var email = (await mediator.Send(new GetStaffContacts([staffId]))).SingleOrDefault()?.Email;
            var db = sp.GetRequiredService<GamificationDbContext>();
            var now = DateTimeOffset.UtcNow;
            var badge = new Badge
            {
                Id = Guid.NewGuid(),
                NameJa = "共感の一歩",
                DescriptionJa = "ペルソナのワークショップを修了した人のバッジです。",
                CriteriaJson = $$"""{"kind":"workshop","activity":"{{WorkshopId}}"}""",
                Label = "共感",
                ImageKind = image is null ? BadgeImageKind.Generated : BadgeImageKind.Uploaded,
                ImageContentType = image is null ? null : imageType,
                ImageBytes = image,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var award = new BadgeAward
            {
                Id = Guid.NewGuid(),
                BadgeId = badge.Id,
                StaffId = staffId,
                AwardedAt = new DateTimeOffset(2026, 5, 13, 3, 0, 0, TimeSpan.Zero),
                Evidence = "workshop",
                CourseId = CourseId,
                ActivityId = WorkshopId,
                SessionId = Guid.NewGuid(),
                EvidenceAt = SignedOffAt,
                Reason = "山田さんの申し出により",
                RevokedAt = revokedReason is null ? null : now,
                RevokedReason = revokedReason,
            };
            db.Badges.Add(badge);
            db.Awards.Add(award);
            await db.SaveChangesAsync();
            return new TestAward(badge.Id, award.Id, staffId, email);
        });

    /// <summary>A client as a verifier on another site is: no cookies, no sign-in.</summary>
    public static HttpClient Verifier(LmsAppFactory factory, string accept = "application/ld+json")
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return client;
    }

    /// <summary>The path of an absolute URL the documents hand out, for the in-process client.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>sha256$ + hex of SHA-256(email + salt), computed here, not with the module's code.</summary>
    public static string ExpectedHash(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant() + salt)));

    /// <summary>A 4 × 3 RGB PNG (IHDR, one IDAT, IEND) written by hand, with a tEXt chunk for good measure.</summary>
    public static byte[] TinyPng()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 4);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 3);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        var raw = new byte[3 * (1 + 4 * 3)];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = i % 13 == 0 ? (byte)0 : (byte)(i * 7);
        }

        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "tEXt", Encoding.Latin1.GetBytes("Comment\0test badge"));
        WriteChunk(png, "IDAT", deflated.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public sealed record Chunk(string Type, byte[] Data, bool CrcMatches);

    /// <summary>Reads a PNG chunk by chunk, checking each CRC with the reference algorithm of the PNG specification.</summary>
    public static List<Chunk> ReadPng(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        var chunks = new List<Chunk>();
        var at = 8;
        while (at < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            chunks.Add(new Chunk(type, data, crc == Crc(png.AsSpan(at + 4, 4 + length))));
            at += 12 + length;
        }

        return chunks;
    }

    /// <summary>The decompressed image data of a PNG (the IDAT chunks joined and inflated).</summary>
    public static byte[] Inflate(IEnumerable<Chunk> chunks)
    {
        var idat = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var z = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        z.CopyTo(plain);
        return plain.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var bytes = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(bytes, 4);
        data.CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8 + data.Length), Crc(bytes.AsSpan(4, 4 + data.Length)));
        output.Write(bytes);
    }

    // The CRC of the PNG specification's annex D, bit by bit: independent of the module's System.IO.Hashing.
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
    }
}
