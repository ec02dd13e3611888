namespace Lms.Modules.Workshops;

/// <summary>Marker for this module's strings (Resources/WorkshopsStrings.ja.resx). Keys are the English text.</summary>
public sealed class WorkshopsStrings;
