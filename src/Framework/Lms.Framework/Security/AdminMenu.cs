namespace Lms.Framework.Security;

/// <summary>An entry of the admin menu. <see cref="TextKey"/> is looked up in the providing module's resources.</summary>
public sealed record AdminMenuItem(string Text, string Url, Permission Permission, int Order, string Group = "");

/// <summary>Modules add entries to the admin menu through this (Orchard Core's INavigationProvider, reduced).</summary>
public interface IAdminMenuProvider
{
    /// <summary>Entries with their texts already localised for the current UI culture.</summary>
    IEnumerable<AdminMenuItem> GetItems();
}
