using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>How to reach a person: name, employee number, and e-mail (when the roster has one).</summary>
public sealed record StaffContact(Guid StaffId, string Name, string EmployeeNumber, string? Email, bool IsActive);

/// <summary>Contacts of the given people (unknown ids are left out).</summary>
public sealed record GetStaffContacts(IReadOnlyCollection<Guid> StaffIds) : IRequest<IReadOnlyList<StaffContact>>;

/// <summary>Contacts of the people with the given employee numbers (exact match; unknown numbers are left out).</summary>
public sealed record FindStaffByEmployeeNumbers(IReadOnlyCollection<string> EmployeeNumbers) : IRequest<IReadOnlyList<StaffContact>>;

/// <summary>
/// A person's name as the roster holds it now, in its parts (kanji and kana), for documents that must carry
/// the name exactly (certificates). <see cref="Name"/> and <see cref="NameKana"/> are family name first,
/// separated by a space; the kana is empty when the roster has none.
/// </summary>
public sealed record StaffName(Guid StaffId, string EmployeeNumber, string FamilyName, string GivenName, string FamilyNameKana, string GivenNameKana)
{
    public string Name => $"{FamilyName} {GivenName}".Trim();

    public string NameKana => $"{FamilyNameKana} {GivenNameKana}".Trim();
}

/// <summary>Names of the given people (unknown ids are left out).</summary>
public sealed record GetStaffNames(IReadOnlyCollection<Guid> StaffIds) : IRequest<IReadOnlyList<StaffName>>;
