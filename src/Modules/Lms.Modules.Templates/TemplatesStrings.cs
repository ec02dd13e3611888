namespace Lms.Modules.Templates;

/// <summary>Marker for this module's strings (Resources/TemplatesStrings.ja.resx). Keys are the English text.</summary>
public sealed class TemplatesStrings;
