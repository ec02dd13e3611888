using Lms.Contracts.Organization;

namespace Lms.Modules.Organization.Domain;

/// <summary>The resource key for a tier's display name (幹部職・管理職・一般職 in Japanese).</summary>
public static class TierText
{
    public static string Of(StaffTier tier) => tier switch
    {
        StaffTier.Executive => "Executive",
        StaffTier.Manager => "Manager",
        _ => "General staff",
    };
}
