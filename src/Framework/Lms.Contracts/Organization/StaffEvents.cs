using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>The three tiers of the Step-0 programme. API and files spell them in lower case.</summary>
public enum StaffTier
{
    General = 0,
    Manager = 1,
    Executive = 2,
}

public static class StaffTierNames
{
    public static string ToApiValue(this StaffTier tier) => tier switch
    {
        StaffTier.Executive => "executive",
        StaffTier.Manager => "manager",
        _ => "general",
    };

    public static StaffTier Parse(string? value) =>
        TryParse(value, out var tier) ? tier : throw new FormatException($"'{value}' is not a tier (executive, manager, general).");

    public static bool TryParse(string? value, out StaffTier tier)
    {
        switch (value?.Trim())
        {
            case "executive" or "幹部職": tier = StaffTier.Executive; return true;
            case "manager" or "管理職": tier = StaffTier.Manager; return true;
            case "general" or "一般職": tier = StaffTier.General; return true;
            default: tier = StaffTier.General; return false;
        }
    }
}

/// <summary>A person joined the roster (by import, the admin screens or the demo recipe).</summary>
public sealed record StaffRegistered(Guid StaffId, string EmployeeNumber, Guid OrgUnitId, StaffTier Tier) : INotification;

/// <summary>A person's unit, tier or active flag changed. Learning re-evaluates assignments on it.</summary>
public sealed record StaffChanged(Guid StaffId, Guid OrgUnitId, StaffTier Tier, bool IsActive) : INotification;
