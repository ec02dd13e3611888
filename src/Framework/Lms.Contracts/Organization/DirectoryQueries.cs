using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>How to reach a person: name, employee number, and e-mail (when the roster has one).</summary>
public sealed record StaffContact(Guid StaffId, string Name, string EmployeeNumber, string? Email, bool IsActive);

/// <summary>Contacts of the given people (unknown ids are left out).</summary>
public sealed record GetStaffContacts(IReadOnlyCollection<Guid> StaffIds) : IRequest<IReadOnlyList<StaffContact>>;

/// <summary>Contacts of the people with the given employee numbers (exact match; unknown numbers are left out).</summary>
public sealed record FindStaffByEmployeeNumbers(IReadOnlyCollection<string> EmployeeNumbers) : IRequest<IReadOnlyList<StaffContact>>;
