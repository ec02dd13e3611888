using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lms.Modules.Notifications.Domain;

/// <summary>
/// The facts a message is made of, stored with it (<c>DataJson</c>) so the inbox text and the e-mail say
/// what was true when it was decided, whatever changes later.
/// </summary>
internal sealed record MessageData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string? CourseTitle { get; init; }
    public int? CourseVersion { get; init; }
    public DateOnly? DueDate { get; init; }
    /// <summary>Days left (due soon), days past the due date (overdue) or days without progress (inactive).</summary>
    public int? Days { get; init; }
    public string? SessionTitle { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public string? Place { get; init; }
    public DateTimeOffset? ConfirmBy { get; init; }
    public DigestData? Digest { get; init; }
    /// <summary>Who asked for it, by name: the admin of a test mail, the person who sent a nudge (absent when unknown).</summary>
    public string? RequestedBy { get; init; }
    /// <summary>For a nudge: the staff id of who asked (kept for the record; the name may change).</summary>
    public Guid? RequestedById { get; init; }
    /// <summary>For a nudge: the course it is about, or else the person's unfinished courses, nearest due date first.</summary>
    public IReadOnlyList<CourseLine>? Courses { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MessageData FromJson(string json) => JsonSerializer.Deserialize<MessageData>(json, Json) ?? new MessageData();
}

/// <summary>A course a message names, with the person's due date for it (if any).</summary>
internal sealed record CourseLine(string Title, DateOnly? DueDate);

/// <summary>A manager's weekly digest: the team at a glance, who is overdue (and by how long), sessions coming up.</summary>
internal sealed record DigestData(
    string Week,
    int TeamSize,
    int Enrolments,
    int Completed,
    int CompletionPercent,
    int OverdueCount,
    IReadOnlyList<DigestItem> Items,
    IReadOnlyList<DigestSession> Sessions);

/// <summary>An open course of a team member: the overdue ones (escalated) and those in progress.</summary>
internal sealed record DigestItem(Guid StaffId, string Name, string Course, DateOnly? DueDate, int PercentComplete, bool Overdue, int DaysOverdue);

internal sealed record DigestSession(string Title, DateTimeOffset StartsAt, string? Place, IReadOnlyList<string> Names);
