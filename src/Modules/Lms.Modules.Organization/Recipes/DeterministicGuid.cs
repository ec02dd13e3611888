using System.Security.Cryptography;
using System.Text;

namespace Lms.Modules.Organization.Recipes;

/// <summary>A name-based id, so the demo city has the same ids on every machine.</summary>
internal static class DeterministicGuid
{
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("lms-demo:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom) in the little-endian Guid layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
