using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;

namespace Lms.Modules.Courses.Features.EditCourse;

/// <summary>
/// The activity editor's form: every kind's fields, and rows for questions, options and survey items.
/// Blank rows are the "add another" places of a form that works without JavaScript; they are dropped on save.
/// </summary>
public sealed class ActivityForm
{
    public string Title { get; set; } = "";
    public int EstimatedMinutes { get; set; }
    public bool Required { get; set; } = true;

    public string? Body { get; set; }
    public string? VideoUrl { get; set; }
    public string? AttachmentUrl { get; set; }
    public string? AttachmentName { get; set; }

    public string? Intro { get; set; }
    public int PassPercent { get; set; } = 80;
    public int AttemptsAllowed { get; set; }
    public bool Shuffle { get; set; }
    public List<QuestionRow> Questions { get; set; } = [];

    public string? Prompt { get; set; }
    public int MinLength { get; set; }
    public bool ShareWithFacilitator { get; set; }

    public string? Instrument { get; set; }
    public string? Phase { get; set; }
    public int Scale { get; set; } = 5;
    public List<ItemRow> Items { get; set; } = [];

    public string? Description { get; set; }
    public string? FacilitatorNotes { get; set; }
    public int DurationMinutes { get; set; }
    public string Delivery { get; set; } = "onsite";

    public sealed class QuestionRow
    {
        public string? Key { get; set; }
        public string? Text { get; set; }
        public bool Multiple { get; set; }
        public bool Remove { get; set; }
        public List<OptionRow> Options { get; set; } = [];

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && Options.All(o => o.IsBlank);
    }

    public sealed class OptionRow
    {
        public string? Key { get; set; }
        public string? Text { get; set; }
        public bool Correct { get; set; }
        public string? Feedback { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Feedback) && !Correct;
    }

    public sealed class ItemRow
    {
        public string? Key { get; set; }
        public string? Text { get; set; }
        public bool Remove { get; set; }
    }

    internal static ActivityForm From(RecipeActivity a) => new()
    {
        Title = a.Title, EstimatedMinutes = a.EstimatedMinutes, Required = a.Required,
        Body = a.Body, VideoUrl = a.VideoUrl, AttachmentUrl = a.AttachmentUrl, AttachmentName = a.AttachmentName,
        Intro = a.Intro, PassPercent = a.PassPercent, AttemptsAllowed = a.AttemptsAllowed, Shuffle = a.Shuffle,
        Questions = a.Questions.Select(q => new QuestionRow
        {
            Key = q.Key, Text = q.Text, Multiple = q.Multiple,
            Options = q.Options.Select(o => new OptionRow { Key = o.Key, Text = o.Text, Correct = o.Correct, Feedback = o.Feedback }).ToList(),
        }).ToList(),
        Prompt = a.Prompt, MinLength = a.MinLength, ShareWithFacilitator = a.ShareWithFacilitator,
        Instrument = a.Instrument, Phase = a.Phase, Scale = a.Scale,
        Items = a.Items.Select(i => new ItemRow { Key = i.Key, Text = i.Text }).ToList(),
        Description = a.Description, FacilitatorNotes = a.FacilitatorNotes, DurationMinutes = a.DurationMinutes, Delivery = a.Delivery,
    };

    /// <summary>Room to add: a blank question with four options, a blank option under each question, three blank survey items.</summary>
    public void AddBlankRows(string kind)
    {
        if (kind == "quiz")
        {
            foreach (var question in Questions.Where(q => !q.Options.Any(o => o.IsBlank)))
            {
                question.Options.Add(new OptionRow());
            }

            if (Questions.All(q => !q.IsBlank))
            {
                Questions.Add(new QuestionRow { Options = [new(), new(), new(), new()] });
            }
        }

        if (kind == "survey")
        {
            while (Items.Count(i => string.IsNullOrWhiteSpace(i.Text)) < 3)
            {
                Items.Add(new ItemRow());
            }
        }
    }

    /// <summary>The edited activity as the draft stores it: removed and blank rows dropped, new rows given keys.</summary>
    internal RecipeActivity ToActivity(RecipeActivity original) => new()
    {
        Key = original.Key, Kind = original.Kind,
        Title = Title.Trim(), EstimatedMinutes = EstimatedMinutes, Required = Required,
        Body = Clean(Body), VideoUrl = Clean(VideoUrl), AttachmentUrl = Clean(AttachmentUrl), AttachmentName = Clean(AttachmentName),
        Intro = Clean(Intro), PassPercent = PassPercent, AttemptsAllowed = AttemptsAllowed, Shuffle = Shuffle,
        Questions = Questions.Where(q => !q.Remove && !q.IsBlank).Select(q => new RecipeQuestion
        {
            Key = string.IsNullOrWhiteSpace(q.Key) ? ContentKeys.New("q") : q.Key,
            Text = (q.Text ?? "").Trim(),
            Multiple = q.Multiple,
            Options = q.Options.Where(o => !o.Remove && !o.IsBlank).Select(o => new RecipeOption
            {
                Key = string.IsNullOrWhiteSpace(o.Key) ? ContentKeys.New("o") : o.Key,
                Text = (o.Text ?? "").Trim(),
                Correct = o.Correct,
                Feedback = Clean(o.Feedback),
            }).ToList(),
        }).ToList(),
        Prompt = Clean(Prompt), MinLength = MinLength, ShareWithFacilitator = ShareWithFacilitator,
        Instrument = Clean(Instrument), Phase = Clean(Phase), Scale = Scale,
        Items = Items.Where(i => !i.Remove && !string.IsNullOrWhiteSpace(i.Text))
            .Select(i => new RecipeSurveyItem { Key = string.IsNullOrWhiteSpace(i.Key) ? ContentKeys.New("item") : i.Key, Text = i.Text!.Trim() }).ToList(),
        Description = Clean(Description), FacilitatorNotes = Clean(FacilitatorNotes), DurationMinutes = DurationMinutes, Delivery = Delivery,
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed record MarkdownField(string Name, string Id, string Label, string? Value, int Rows = 14);
