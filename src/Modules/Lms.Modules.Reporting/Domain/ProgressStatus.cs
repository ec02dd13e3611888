namespace Lms.Modules.Reporting.Domain;

/// <summary>Where a person stands on an assigned course. Worked out when read, never stored: overdue moves with the date.</summary>
public enum ProgressStatus
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

public static class ProgressStatuses
{
    /// <summary>The API's and the query string's names.</summary>
    public static string ToApiValue(this ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "not-started",
        ProgressStatus.InProgress => "in-progress",
        ProgressStatus.Completed => "completed",
        _ => "overdue",
    };

    public static bool TryParse(string? value, out ProgressStatus status)
    {
        foreach (var candidate in Enum.GetValues<ProgressStatus>())
        {
            if (string.Equals(candidate.ToApiValue(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>
    /// Completed once completed (whatever the due date was); otherwise overdue the day after the due date (in the
    /// site's time zone: <paramref name="today"/> is the site's date); otherwise started or not.
    /// </summary>
    public static ProgressStatus Of(DateTimeOffset? completedAt, DateOnly? dueDate, bool started, DateOnly today) =>
        completedAt is not null ? ProgressStatus.Completed
        : dueDate is { } due && due < today ? ProgressStatus.Overdue
        : started ? ProgressStatus.InProgress
        : ProgressStatus.NotStarted;

    /// <summary>Days past the due date (0 when not overdue).</summary>
    public static int DaysOverdue(DateTimeOffset? completedAt, DateOnly? dueDate, DateOnly today) =>
        completedAt is null && dueDate is { } due && due < today ? today.DayNumber - due.DayNumber : 0;

    /// <summary>Share of the required activities done, rounded down; 100 once completed or when nothing is required.</summary>
    public static int Percent(int requiredDone, int requiredCount, bool completed) =>
        completed || requiredCount == 0 ? 100 : Math.Clamp(requiredDone * 100 / requiredCount, 0, 99);
}
