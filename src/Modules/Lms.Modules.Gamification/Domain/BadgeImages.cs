using System.Text;
using Lms.Modules.Gamification.Data;

namespace Lms.Modules.Gamification.Domain;

/// <summary>A badge's image as served and baked: the uploaded file, or the SVG drawn from its palette and icon.</summary>
internal static class BadgeImages
{
    public const string Svg = "image/svg+xml";
    public const string Png = "image/png";

    public static (string ContentType, byte[] Bytes) Of(Badge badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        if (badge.ImageKind == BadgeImageKind.Uploaded && badge.ImageBytes is { Length: > 0 } bytes && badge.ImageContentType is { } type)
        {
            return (type, bytes);
        }

        var label = badge.Label.Length > 0 ? badge.Label : badge.NameJa;
        return (Svg, Encoding.UTF8.GetBytes(BadgeArt.Svg(badge.Palette, badge.Icon, label)));
    }

    /// <summary>The URL path of a badge's image (public: Open Badges verifiers and shared pages load it).</summary>
    public static string PathOf(Badge badge) => $"/badges/{badge.Id}/image?v={badge.UpdatedAt.UtcTicks}";
}
