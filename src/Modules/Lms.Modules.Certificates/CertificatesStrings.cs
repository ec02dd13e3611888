namespace Lms.Modules.Certificates;

/// <summary>Marker for this module's strings (Resources/CertificatesStrings.ja.resx). Keys are the English text.</summary>
public sealed class CertificatesStrings;
