namespace Lms.Modules.Gamification.Data;

internal enum BadgeImageKind
{
    /// <summary>An SVG drawn from <see cref="Badge.Palette"/> and <see cref="Badge.Icon"/>.</summary>
    Generated = 0,
    /// <summary>An uploaded PNG or SVG kept in <see cref="Badge.ImageBytes"/> (so it can be baked as an Open Badge).</summary>
    Uploaded = 1,
}

/// <summary>A badge an administrator defined (or a recipe installed): names, texts, image and criteria.</summary>
internal sealed class Badge
{
    public Guid Id { get; set; }
    /// <summary>Stable key from a recipe (e.g. <c>workshop-persona-journey</c>); null for badges made in the admin area.</summary>
    public string? Key { get; set; }
    public required string NameJa { get; set; }
    public string NameEn { get; set; } = "";
    public string DescriptionJa { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    /// <summary>The criteria as JSON (see <see cref="Domain.BadgeCriterion"/>).</summary>
    public required string CriteriaJson { get; set; }
    public BadgeImageKind ImageKind { get; set; }
    /// <summary>Palette name of a generated image (see <see cref="Domain.BadgeArt"/>).</summary>
    public string Palette { get; set; } = "indigo";
    /// <summary>Icon name of a generated image.</summary>
    public string Icon { get; set; } = "star";
    /// <summary>A word of at most four characters under the icon of a generated image (e.g. 共感).</summary>
    public string Label { get; set; } = "";
    public string? ImageContentType { get; set; }
    public byte[]? ImageBytes { get; set; }
    /// <summary>Archived badges are no longer awarded; their awards stay.</summary>
    public bool IsArchived { get; set; }
    /// <summary>Goes up whenever the criteria change (the retroactive job awards against the latest).</summary>
    public int CriteriaRevision { get; set; } = 1;
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;

    public string Description(bool english) => english && DescriptionEn.Length > 0 ? DescriptionEn : DescriptionJa;
}

/// <summary>
/// A badge given to a person: at most one per person and badge (a unique index). A revoked award stays,
/// so its Open Badges assertion can say it was revoked.
/// </summary>
internal sealed class BadgeAward
{
    public Guid Id { get; set; }
    public Guid BadgeId { get; set; }
    public Guid StaffId { get; set; }
    public DateTimeOffset AwardedAt { get; set; }
    /// <summary><c>workshop</c>, <c>course</c>, <c>activity</c>, <c>points</c> or <c>manual</c>.</summary>
    public required string Evidence { get; set; }
    public Guid? CourseId { get; set; }
    public Guid? ActivityId { get; set; }
    public Guid? SessionId { get; set; }
    /// <summary>When the evidence happened (the completion, the sign-off), which may be before the award (retroactive awards).</summary>
    public DateTimeOffset? EvidenceAt { get; set; }
    /// <summary>Why a person was awarded by hand (bulk award), or which job awarded retroactively.</summary>
    public string? Reason { get; set; }
    public string? AwardedBy { get; set; }
    /// <summary>The holder chose to show this award on a public page (off by default).</summary>
    public bool IsPublic { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>
/// One line of a person's points: never updated, never deleted. A reversal is a new negative line.
/// <see cref="SourceKey"/> is unique per person, so a replayed event adds nothing.
/// </summary>
internal sealed class PointsEntry
{
    public long Id { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>What earned it, e.g. <c>activity:{id}@{completedAt}</c>, <c>course:{id}@{completedAt}</c>, <c>reversal:…</c>.</summary>
    public required string SourceKey { get; set; }
    /// <summary><c>lesson</c>, <c>quiz</c>, <c>reflection</c>, <c>survey</c>, <c>workshop</c>, <c>course</c>, <c>reversal</c>.</summary>
    public required string Kind { get; set; }
    public Guid? CourseId { get; set; }
    public Guid? ActivityId { get; set; }
    public int Points { get; set; }
    /// <summary>What the rule would have given before the daily cap cut it.</summary>
    public int RequestedPoints { get; set; }
    /// <summary>The day on the site's clock (the daily cap and the weekly streak count by it).</summary>
    public DateOnly LocalDate { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A person's choices about the game. No row: the defaults (displays on, social off, names hidden).</summary>
internal sealed class GamePreference
{
    public Guid StaffId { get; set; }
    /// <summary>Off: no points, badges, levels or streaks shown anywhere to this person, and they are left out of every ranking.</summary>
    public bool DisplaysEnabled { get; set; } = true;
    /// <summary>Opt-in: take part in the individual comparison (own rank among neighbours).</summary>
    public bool JoinRankings { get; set; }
    /// <summary>Opt-in: colleagues who also take part see this person's name next to their rank instead of 「匿名の職員」.</summary>
    public bool ShowNameInRankings { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Site-wide game settings (one row, JSON): points per activity kind, daily cap, levels, the programme.</summary>
internal sealed class GameSettingsRow
{
    public int Id { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A department challenge: every unit under the department reaches a Step-0 completion rate by a date.</summary>
internal sealed class Challenge
{
    public Guid Id { get; set; }
    public string? Key { get; set; }
    public required string TitleJa { get; set; }
    public string TitleEn { get; set; } = "";
    /// <summary>The department (an org unit); null: the whole organisation, departments compared.</summary>
    public Guid? OrgUnitId { get; set; }
    public int TargetPercent { get; set; } = 80;
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string Title(bool english) => english && TitleEn.Length > 0 ? TitleEn : TitleJa;
}

/// <summary>The key the site signs Open Badges 3.0 credentials with. The private half is protected by ASP.NET data protection.</summary>
internal sealed class SigningKey
{
    public required string Id { get; set; }
    public required string Algorithm { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public required string PublicJwk { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who did what to badges and awards (definitions changed, bulk awards and revocations). Never edited.</summary>
internal sealed class GameAuditEntry
{
    public long Id { get; set; }
    public required string Action { get; set; }
    public Guid? BadgeId { get; set; }
    public Guid? AwardId { get; set; }
    public Guid? StaffId { get; set; }
    public string? Detail { get; set; }
    public string? By { get; set; }
    public DateTimeOffset At { get; set; }
}
