using MediatR;

namespace Lms.Contracts.Learning;

/// <summary>
/// One person's answers to one survey activity (item key → value on the survey's scale). For aggregates only:
/// no page, export or API may show one person's answers.
/// </summary>
public sealed record SurveyResponse(Guid StaffId, Guid CourseId, Guid ActivityId, string? Instrument, string? Phase, IReadOnlyDictionary<string, int> Answers, DateTimeOffset SubmittedAt);

/// <summary>
/// The survey answers of the given people (or of everyone when <see cref="StaffIds"/> is null), of one instrument
/// when <see cref="Instrument"/> is set (e.g. <c>step0-mindset</c>). Set-based: one pass per chunk of people.
/// </summary>
public sealed record GetSurveyResponses(IReadOnlyCollection<Guid>? StaffIds = null, string? Instrument = null) : IRequest<IReadOnlyList<SurveyResponse>>;
