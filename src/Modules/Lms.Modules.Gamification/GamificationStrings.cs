namespace Lms.Modules.Gamification;

/// <summary>Marker for this module's strings (Resources/GamificationStrings.ja.resx). Keys are the English text.</summary>
public sealed class GamificationStrings;
