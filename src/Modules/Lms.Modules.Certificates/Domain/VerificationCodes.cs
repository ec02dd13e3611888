using System.Security.Cryptography;
using System.Text;

namespace Lms.Modules.Certificates.Domain;

/// <summary>
/// Verification codes: 80 random bits (a CSPRNG) written as 16 characters of Crockford's base32, shown in
/// groups of four (<c>7K3M-Q9XD-2HPA-W4RT</c>). Too many to guess (2^80), no look-alike letters (no I, L, O, U),
/// and typed codes are forgiving: case, hyphens, spaces, O for 0 and I/L for 1 are all accepted.
/// </summary>
internal static class VerificationCodes
{
    public const int Length = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCode()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(Length);
        ulong buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(int)((buffer >> bits) & 31)]);
            }
        }

        return text.ToString();
    }

    /// <summary>The stored form of a typed or scanned code, or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        // Full-width letters, digits and hyphens typed with a Japanese input method become their ASCII forms.
        typed = typed.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(Length);
        foreach (var raw in typed)
        {
            var c = char.ToUpperInvariant(raw);
            switch (c)
            {
                case '-' or ' ' or '\u3000' or '\u2010' or '\u2212' or '\u30FC':
                    continue;
                case 'O':
                    c = '0';
                    break;
                case 'I' or 'L':
                    c = '1';
                    break;
            }

            if (Alphabet.IndexOf(c) < 0)
            {
                return null;
            }

            text.Append(c);
        }

        return text.Length == Length ? text.ToString() : null;
    }

    /// <summary>Groups of four for people to read: <c>7K3M-Q9XD-2HPA-W4RT</c>.</summary>
    public static string Display(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}" : code;
}
