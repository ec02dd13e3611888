using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;

namespace Lms.Tests.Reporting;

/// <summary>The readiness read model: only people who answered before and after, as sums a group can add up.</summary>
public sealed class ReadinessRowsTests
{
    private static readonly Guid Unit = Guid.NewGuid();

    private static ReportSurveyAnswer Answer(Guid staff, string instrument, string phase, string item, int value) => new()
    {
        StaffId = staff, ActivityId = Guid.NewGuid(), ItemKey = item, Instrument = instrument, Phase = phase, Value = value,
        OrgUnitId = Unit, Tier = StaffTier.General, SubmittedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void Only_people_with_both_phases_of_an_instrument_have_rows_with_sums_per_item_and_over_all_items()
    {
        var paired = Guid.NewGuid();
        var beforeOnly = Guid.NewGuid();
        var answers = new[]
        {
            Answer(paired, "step0-mindset", "pre", "a", 2), Answer(paired, "step0-mindset", "pre", "b", 3),
            Answer(paired, "step0-mindset", "post", "a", 4), Answer(paired, "step0-mindset", "post", "b", 5),
            Answer(paired, "other", "pre", "a", 1), // no "post" of this instrument: no rows for it
            Answer(paired, "step0-mindset", "mid", "a", 9), // neither before nor after: left out
            Answer(beforeOnly, "step0-mindset", "pre", "a", 1),
        };

        var rows = Projector.Readiness(answers);

        Assert.All(rows, r => Assert.Equal((paired, "step0-mindset", Unit, StaffTier.General), (r.StaffId, r.Instrument, r.OrgUnitId, r.Tier)));
        Assert.Equal(
            new[] { ("", 5, 2, 9, 2), ("a", 2, 1, 4, 1), ("b", 3, 1, 5, 1) },
            rows.Select(r => (r.ItemKey, r.PreSum, r.PreCount, r.PostSum, r.PostCount)));
    }
}
