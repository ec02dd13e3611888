namespace Lms.Modules.Media;

/// <summary>Marker for this module's strings (Resources/MediaStrings.ja.resx). Keys are the English text.</summary>
public sealed class MediaStrings;
