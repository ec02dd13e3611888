using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Domain;

/// <summary>
/// One thing wrong with a course. <see cref="Format"/> is the English text (and the resource key), so a
/// recipe author reads it in English and an admin in the CMS in their own language.
/// </summary>
internal sealed record CourseProblem(string Format, params object[] Args)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, Args);

    public string Localize(IStringLocalizer localizer) => localizer[Format, Args].Value;
}
