namespace Lms.Modules.Courses;

/// <summary>Marker for this module's strings (Resources/CoursesStrings.ja.resx). Keys are the English text.</summary>
public sealed class CoursesStrings;
