using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;

namespace Lms.Modules.Courses.Domain;

/// <summary>
/// A course's content as one document: what a draft holds and what a published version freezes.
/// Stored as JSON so that a version is a single immutable row, and so that comparing two versions
/// (or a draft with the last version) is comparing two documents.
/// </summary>
internal sealed record CourseContent(
    string Title,
    string Summary,
    IReadOnlyList<StaffTier> Tiers,
    int EstimatedMinutes,
    string? CoverImageUrl,
    bool Sequential,
    IReadOnlyList<PublishedSection> Sections)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable Japanese in the database
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CourseContent FromJson(string json) =>
        JsonSerializer.Deserialize<CourseContent>(json, Json) ?? throw new InvalidDataException("Empty course document.");

    public PublishedCourse ToPublished(Guid id, string? key, int version, DateTimeOffset publishedAt) =>
        new(id, key, version, Title, Summary, Tiers, EstimatedMinutes, CoverImageUrl, Sequential, Sections, publishedAt);
}
