namespace Lms.Modules.Reporting;

/// <summary>Marker for this module's strings (Resources/ReportingStrings.ja.resx). Keys are the English text.</summary>
public sealed class ReportingStrings;
