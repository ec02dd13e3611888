namespace Lms.Modules.Templates.Data;

internal enum TemplateKind
{
    Mail,
    Certificate,
}

/// <summary>
/// One culture's variant of a template. <see cref="PartsJson"/> is what renders; <see cref="DefaultPartsJson"/> is what
/// the recipe ships (offered as "restore the default"). <see cref="Revision"/> grows on every change and is the
/// optimistic-concurrency token: a save based on an older revision is refused, never merged.
/// </summary>
internal sealed class Template
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Culture { get; set; }
    public TemplateKind Kind { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string PartsJson { get; set; }
    public required string DefaultPartsJson { get; set; }
    public string SampleJson { get; set; } = "{}";
    public int Revision { get; set; }
    /// <summary>True once an admin saved parts that differ from the defaults; recipes then leave the parts alone.</summary>
    public bool Customized { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>Every state a template's parts have had, so a change can be traced (and its text taken back).</summary>
internal sealed class TemplateRevision
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public int Revision { get; set; }
    public required string PartsJson { get; set; }
    /// <summary><c>created</c>, <c>edited</c>, <c>restored</c> (to the default) or <c>recipe</c> (new defaults).</summary>
    public required string Change { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
}
