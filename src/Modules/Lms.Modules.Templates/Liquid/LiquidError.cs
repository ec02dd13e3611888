namespace Lms.Modules.Templates.Liquid;

internal enum LiquidErrorKind
{
    Syntax,
    UnknownFilter,
    Required,
    InvalidUrl,
}

/// <summary>
/// What is wrong with one part: a syntax error or an unknown filter (with the 1-based line and column; the message
/// is Fluid's, in English), or a missing required part or a bad URL (line and column 0).
/// </summary>
internal sealed record LiquidError(string Part, int Line, int Column, string Message, LiquidErrorKind Kind = LiquidErrorKind.Syntax);

/// <summary>A template stopped while rendering (runaway loop, too much output, an undefined filter at run time).</summary>
internal sealed class LiquidRenderException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The part that was rendering, once known.</summary>
    public string? Part { get; init; }
}
