using System.Globalization;
using System.Text;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Settings;

/// <summary>
/// <c>/admin/gamification/settings</c>: points per activity kind, the daily cap, the programme's course key
/// prefix and the levels. Numbers are taken as text so that a typo comes back as typed, next to its error.
/// </summary>
[Authorize(Policy = "ManageBadges")]
public sealed class GameSettingsEditorModel(GamificationDbContext db, TimeProvider clock, IStringLocalizer<GamificationStrings> T) : PageModel
{
    // The module's services are internal (they are not its contract), so this public page model asks for them per request.
    private GameSettingsStore Store => HttpContext.RequestServices.GetRequiredService<GameSettingsStore>();

    public const int MaxLevels = 10;

    public sealed class LevelRow
    {
        public string? Threshold { get; set; }
        public string? NameJa { get; set; }
        public string? NameEn { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Threshold) && string.IsNullOrWhiteSpace(NameJa) && string.IsNullOrWhiteSpace(NameEn);
    }

    [BindProperty] public string? Lesson { get; set; }
    [BindProperty] public string? Quiz { get; set; }
    [BindProperty] public string? Reflection { get; set; }
    [BindProperty] public string? Survey { get; set; }
    [BindProperty] public string? Workshop { get; set; }
    [BindProperty] public string? Course { get; set; }
    [BindProperty] public string? DailyCap { get; set; }
    [BindProperty] public string? ProgrammeKeyPrefix { get; set; }
    [BindProperty] public List<LevelRow> Levels { get; set; } = [];

    public Dictionary<string, string> Problems { get; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await Store.GetAsync(cancellationToken);
        Lesson = Text(settings.Lesson);
        Quiz = Text(settings.Quiz);
        Reflection = Text(settings.Reflection);
        Survey = Text(settings.Survey);
        Workshop = Text(settings.Workshop);
        Course = Text(settings.Course);
        DailyCap = Text(settings.DailyCap);
        ProgrammeKeyPrefix = settings.ProgrammeKeyPrefix;
        Levels = settings.Levels.OrderBy(l => l.Threshold).Select(l => new LevelRow { Threshold = Text(l.Threshold), NameJa = l.NameJa, NameEn = l.NameEn }).ToList();
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var points = new Dictionary<string, int>();
        foreach (var (field, value) in new[] { (nameof(Lesson), Lesson), (nameof(Quiz), Quiz), (nameof(Reflection), Reflection), (nameof(Survey), Survey), (nameof(Workshop), Workshop), (nameof(Course), Course), (nameof(DailyCap), DailyCap) })
        {
            if (Number(value) is { } number)
            {
                points[field] = number;
            }
            else
            {
                Problems[field] = T["Enter a whole number (0 or more)."];
            }
        }

        var levels = new List<Level>();
        for (var i = 0; i < Levels.Count && i < MaxLevels; i++)
        {
            var row = Levels[i];
            if (row.IsEmpty)
            {
                continue; // rows left blank are not levels
            }

            if (Number(row.Threshold) is not { } threshold)
            {
                Problems[$"Levels[{i}].Threshold"] = T["Enter the points at which the level starts, as a whole number."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.NameJa))
            {
                Problems[$"Levels[{i}].NameJa"] = T["Give the level a Japanese name."];
                continue;
            }

            levels.Add(new Level(threshold, row.NameJa.Trim(), (row.NameEn ?? "").Trim()));
        }

        if (Problems.Count == 0)
        {
            var settings = new GameSettings
            {
                Lesson = points[nameof(Lesson)],
                Quiz = points[nameof(Quiz)],
                Reflection = points[nameof(Reflection)],
                Survey = points[nameof(Survey)],
                Workshop = points[nameof(Workshop)],
                Course = points[nameof(Course)],
                DailyCap = points[nameof(DailyCap)],
                ProgrammeKeyPrefix = (ProgrammeKeyPrefix ?? "").Trim(),
                Levels = levels,
            };
            foreach (var problem in settings.Problems())
            {
                Problems.TryAdd(FieldOf(problem), Localise(problem));
            }

            if (Problems.Count == 0)
            {
                // The store saves through the same context: the audit line is written with the settings, in one go.
                db.Audit.Add(new GameAuditEntry { Action = "settings-changed", By = User.Identity?.Name, At = clock.GetUtcNow() });
                await Store.SaveAsync(settings, cancellationToken);
                Done = T["The settings are saved. They apply to points earned from now on; points already earned stay as they are."];
                return RedirectToPage();
            }
        }

        Pad();
        return Page();
    }

    /// <summary>
    /// <see cref="GameSettings.Problems"/> speaks in English keys; each is spelt out here so that the
    /// localisation check sees it and the Japanese is never missing.
    /// </summary>
    private string Localise(string problem) => problem switch
    {
        "Points per activity must be between 0 and 1,000." => T["Points per activity must be between 0 and 1,000."],
        "The daily cap must be between 0 and 100,000 (0: no cap)." => T["The daily cap must be between 0 and 100,000 (0: no cap)."],
        "Give between one and ten levels." => T["Give between one and ten levels."],
        "The first level starts at 0 points." => T["The first level starts at 0 points."],
        "Two levels start at the same number of points." => T["Two levels start at the same number of points."],
        "Every level needs a Japanese name of at most 40 characters." => T["Every level needs a Japanese name of at most 40 characters."],
        "Give the key prefix of the programme's courses." => T["Give the key prefix of the programme's courses."],
        _ => T[problem],
    };

    private static string FieldOf(string problem) => problem switch
    {
        "Points per activity must be between 0 and 1,000." => "Points",
        "The daily cap must be between 0 and 100,000 (0: no cap)." => nameof(DailyCap),
        "Give the key prefix of the programme's courses." => nameof(ProgrammeKeyPrefix),
        _ => nameof(Levels),
    };

    private void Pad()
    {
        Levels = Levels.Take(MaxLevels).ToList();
        while (Levels.Count < MaxLevels)
        {
            Levels.Add(new LevelRow());
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number, also typed with full-width digits or a thousands separator.</summary>
    private static int? Number(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
