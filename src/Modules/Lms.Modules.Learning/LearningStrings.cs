namespace Lms.Modules.Learning;

/// <summary>Marker for this module's strings (Resources/LearningStrings.ja.resx). Keys are the English text.</summary>
public sealed class LearningStrings;
