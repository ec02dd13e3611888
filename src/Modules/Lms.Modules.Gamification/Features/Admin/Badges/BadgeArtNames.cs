using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary>The palettes and icons of <see cref="Domain.BadgeArt"/> as an administrator reads them in a list.</summary>
internal static class BadgeArtNames
{
    public static string Palette(IStringLocalizer<GamificationStrings> T, string name) => name switch
    {
        "indigo" => T["Indigo"],
        "teal" => T["Teal"],
        "crimson" => T["Crimson"],
        "amber" => T["Amber"],
        "forest" => T["Forest green"],
        "plum" => T["Plum"],
        "slate" => T["Slate"],
        "gold" => T["Gold"],
        _ => name,
    };

    public static string Icon(IStringLocalizer<GamificationStrings> T, string name) => name switch
    {
        "star" => T["Star"],
        "persona" => T["Person"],
        "journey" => T["Steps"],
        "lightbulb" => T["Light bulb"],
        "megaphone" => T["Megaphone"],
        "team" => T["Team"],
        "compass" => T["Compass"],
        "flag" => T["Flag"],
        "graduate" => T["Graduation cap"],
        "shield" => T["Shield"],
        _ => name,
    };
}
