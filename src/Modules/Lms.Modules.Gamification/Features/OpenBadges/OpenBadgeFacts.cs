namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>A badge as its Open Badges documents describe it (texts already in the documents' language).</summary>
internal sealed record BadgeFacts(Guid Id, string Name, string Description, string Criteria, string ImageUrl);

/// <summary>The organisation that awards the badges.</summary>
/// <param name="Email">Contact address: Open Badges 2.0 requires it of an issuer; set <c>Lms:OpenBadges:IssuerEmail</c>.</param>
internal sealed record IssuerFacts(string Name, string Url, string? Email);

/// <summary>One award, with nothing about the person but the address its recipient identity is hashed from.</summary>
/// <param name="Email">The holder's e-mail from the roster; null when it has none.</param>
/// <param name="Evidence">A sentence about what earned it (workshop or course and when).</param>
internal sealed record AwardFacts(
    Guid Id,
    BadgeFacts Badge,
    IssuerFacts Issuer,
    DateTimeOffset AwardedAt,
    string? Email,
    string Evidence,
    DateTimeOffset? RevokedAt,
    string? RevokedReason)
{
    public bool Revoked => RevokedAt is not null;

    public string Salt => RecipientIdentity.SaltOf(Id);

    public string? IdentityHash => Email is { Length: > 0 } email ? RecipientIdentity.Hash(email, Salt) : null;
}
