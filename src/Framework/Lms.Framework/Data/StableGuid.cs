using System.Security.Cryptography;
using System.Text;

namespace Lms.Framework.Data;

/// <summary>
/// A name-based id: the same name gives the same id on every machine, so what a recipe installs
/// (demo staff, curriculum activities) keeps its identity when the recipe runs again.
/// </summary>
public static class StableGuid
{
    public static Guid From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom) in the little-endian Guid layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
