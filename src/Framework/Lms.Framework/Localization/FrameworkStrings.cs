namespace Lms.Framework;

/// <summary>Marker for the platform's own strings (Resources/FrameworkStrings.ja.resx). Keys are the English text.</summary>
public sealed class FrameworkStrings;
