using System.Globalization;
using System.Text;

namespace Lms.Modules.Certificates.Domain;

/// <summary>
/// Breaks a paragraph into lines that fit a width, the way Japanese is set: any two kana or kanji may be
/// parted, Latin words and numbers stay whole, and the basic kinsoku rules hold (no line starts with
/// 、。）」 or a small kana, which hang at the end of the line instead; no line ends with an opening bracket).
/// </summary>
internal static class JapaneseLineBreaker
{
    private const string NoStart = "、。，．,.）)」』】〕〉》］]｝}!！?？:：;；・ー〜…‥々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％%";
    private const string NoEnd = "（(「『【〔〈《［[｛{";

    public static IReadOnlyList<string> Wrap(string paragraph, double maxWidth, Func<string, double> measure)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var token in Tokens(paragraph))
        {
            if (line.Length == 0 && token.Trim().Length == 0)
            {
                continue; // no spaces at the start of a line
            }

            var candidate = line + token;
            if (line.Length == 0 || measure(candidate.TrimEnd()) <= maxWidth)
            {
                line.Append(token);
                continue;
            }

            if (NoStart.Contains(token[0], StringComparison.Ordinal))
            {
                line.Append(token); // hanging punctuation
                continue;
            }

            var carried = "";
            if (line.Length > 1 && NoEnd.Contains(line[^1], StringComparison.Ordinal))
            {
                carried = line[^1].ToString();
                line.Length--;
            }

            lines.Add(line.ToString().TrimEnd());
            line.Clear().Append(carried);
            if (token.Trim().Length > 0)
            {
                line.Append(token);
            }

            // A single Latin word longer than the line is cut where it must be.
            while (line.Length > 1 && measure(line.ToString()) > maxWidth)
            {
                var cut = line.Length - 1;
                while (cut > 1 && measure(line.ToString(0, cut)) > maxWidth)
                {
                    cut--;
                }

                lines.Add(line.ToString(0, cut));
                line.Remove(0, cut);
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>Latin words (with their trailing punctuation), single spaces, and single CJK characters.</summary>
    internal static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (IsWordCharacter(element))
            {
                word.Append(element);
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            yield return element;
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool IsWordCharacter(string element)
    {
        var c = element[0];
        return element.Length == 1 && c < 0x2E80 && !char.IsWhiteSpace(c);
    }
}
