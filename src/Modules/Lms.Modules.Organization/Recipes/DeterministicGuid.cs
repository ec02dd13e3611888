using Lms.Framework.Data;

namespace Lms.Modules.Organization.Recipes;

/// <summary>Ids of the demo city, the same on every machine.</summary>
internal static class DeterministicGuid
{
    public static Guid From(string name) => StableGuid.From("lms-demo:" + name);
}
