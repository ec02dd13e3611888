namespace Lms.Modules.Organization;

/// <summary>Marker for this module's strings (Resources/OrganizationStrings.ja.resx). Keys are the English text.</summary>
public sealed class OrganizationStrings;
