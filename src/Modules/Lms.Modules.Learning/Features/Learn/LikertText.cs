using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.Learn;

internal static class LikertText
{
    /// <summary>Words for the points of an agreement scale; the middle points of longer scales are numbered.</summary>
    public static string Label(IStringLocalizer T, int value, int scale) => (value, scale) switch
    {
        (1, _) => T["Strongly disagree"],
        (2, 5) => T["Disagree"],
        (3, 5) => T["Neither agree nor disagree"],
        (4, 5) => T["Agree"],
        var (v, s) when v == s => T["Strongly agree"],
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Delivery(string delivery) => delivery switch
    {
        "online" => "online",
        "hybrid" => "in person or online",
        _ => "in person",
    };
}
