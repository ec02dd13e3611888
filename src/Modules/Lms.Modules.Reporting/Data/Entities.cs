using Lms.Contracts.Organization;

namespace Lms.Modules.Reporting.Data;

// Read models: projections of other modules' data, rewritten per person from their contracts (see docs/adr/0018).
// Nothing here is the record of anything; the reporting-rebuild job can throw every row away and recompute it.

/// <summary>One person as reports show them, with per-person totals (sorting and paging of the team page run here).</summary>
internal sealed class ReportPerson
{
    public Guid StaffId { get; set; }

    public string EmployeeNumber { get; set; } = "";

    /// <summary>Family name first, as on the roster.</summary>
    public string Name { get; set; } = "";

    /// <summary>Kana reading (for sorting in 五十音 order); empty when the roster has none.</summary>
    public string NameKana { get; set; } = "";

    public Guid OrgUnitId { get; set; }

    public StaffTier Tier { get; set; }

    public bool IsActive { get; set; }

    public int CoursesAssigned { get; set; }

    public int CoursesCompleted { get; set; }

    /// <summary>The earliest due date among unfinished courses (overdue days are worked out on reading: the date moves on).</summary>
    public DateOnly? EarliestOpenDue { get; set; }

    /// <summary>Mean progress over assigned courses, 0–100.</summary>
    public int Percent { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    public int WorkshopsAttended { get; set; }

    public int Badges { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One person's assigned course (withdrawn enrolments have no row). Unit and tier copied for grouping without joins.</summary>
internal sealed class ReportEnrolment
{
    public Guid StaffId { get; set; }

    public Guid CourseId { get; set; }

    public Guid OrgUnitId { get; set; }

    public StaffTier Tier { get; set; }

    public bool IsActive { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Required activities of the course's latest published version, and how many of them the person has done.</summary>
    public int RequiredCount { get; set; }

    public int RequiredDone { get; set; }

    /// <summary>Any activity of the course done (required or not): "in progress" rather than "not started".</summary>
    public bool Started { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The valid course certificate, when there is one.</summary>
    public Guid? CertificateId { get; set; }
}

/// <summary>
/// One person's answers to one survey instrument before and after the course, kept only when they answered both
/// (the readiness index counts the same people's change): per item, and once per person with <see cref="ItemKey"/>
/// empty for all items together. Sums and counts, so a group's mean is the mean of all its answers.
/// </summary>
internal sealed class ReportReadiness
{
    /// <summary>The <see cref="ItemKey"/> of a person's row over all items.</summary>
    public const string AllItems = "";

    public Guid StaffId { get; set; }

    public string Instrument { get; set; } = "";

    public string ItemKey { get; set; } = "";

    public Guid OrgUnitId { get; set; }

    public StaffTier Tier { get; set; }

    public int PreSum { get; set; }

    public int PreCount { get; set; }

    public int PostSum { get; set; }

    public int PostCount { get; set; }
}

/// <summary>One answer to one item of a survey: aggregated only, never shown or exported one by one.</summary>
internal sealed class ReportSurveyAnswer
{
    public Guid StaffId { get; set; }

    public Guid ActivityId { get; set; }

    public string ItemKey { get; set; } = "";

    public Guid CourseId { get; set; }

    public string Instrument { get; set; } = "";

    public string Phase { get; set; } = "";

    public int Value { get; set; }

    public Guid OrgUnitId { get; set; }

    public StaffTier Tier { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>A workshop session: held or cancelled, seats taken and attendance signed off.</summary>
internal sealed class ReportSession
{
    public Guid SessionId { get; set; }

    public Guid ActivityId { get; set; }

    public Guid CourseId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public bool Cancelled { get; set; }

    public int Seated { get; set; }

    public int Attended { get; set; }
}

/// <summary>
/// A reminder sent to a person on a day (site time zone), so the team page can say so. The once-a-day limit itself is
/// the Notifications module's unique key; this is only what the page shows.
/// </summary>
internal sealed class ReportNudge
{
    public Guid StaffId { get; set; }

    public DateOnly Day { get; set; }

    public Guid RequestedBy { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>A run of the rebuild job (shown to admins: when the read models were last recomputed).</summary>
internal sealed class ReportRebuild
{
    public Guid Id { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string Summary { get; set; } = "";
}
