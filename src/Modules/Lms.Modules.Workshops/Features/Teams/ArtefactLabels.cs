using Lms.Modules.Workshops.Data;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>The templates' headings, field labels and prompts: one place for the forms, the print pages and the error messages.</summary>
internal sealed class ArtefactLabels(IStringLocalizer<WorkshopsStrings> T)
{
    public string Title(ArtefactKind kind) => kind switch
    {
        ArtefactKind.Persona => T["Persona"],
        ArtefactKind.Journey => T["Customer journey"],
        ArtefactKind.Insights => T["Insights"],
        _ => T["Idea pitch"],
    };

    public string Prompt(ArtefactKind kind) => kind switch
    {
        ArtefactKind.Persona => T["One citizen the team designs for: a real-seeming person, not an average."],
        ArtefactKind.Journey => T["The steps the persona goes through, from first hearing of the service to the end: what they do, feel and struggle with at each."],
        ArtefactKind.Insights => T["What the team learnt, one statement each, such as: (someone) wants to (something), because (reason)."],
        _ => T["The idea in a form a manager can say yes to."],
    };

    public string Who => T["Who is this person?"];
    public string Situation => T["Situation"];
    public string Needs => T["Needs"];
    public string Pains => T["Pains"];

    public string StageName => T["Stage"];
    public string Actions => T["Actions"];
    public string Feelings => T["Feelings"];
    public string PainPoints => T["Pain points"];

    public string StageField(int index, string field) => T["Stage {0}: {1}", index + 1, field];

    public string Statement(int index) => T["Insight {0}", index + 1];

    public string Problem => T["The problem, as the citizen sees it"];
    public string Idea => T["Our idea"];
    public string FirstStep => T["The first small step"];
    public string People => T["Who would need to be involved"];
}
