using Lms.Contracts.Organization;
using MediatR;

namespace Lms.Modules.Workshops.Features.Shared;

/// <summary>Names and units of people, through the Organization contract, looked up once per request.</summary>
public sealed class WorkshopPeople(IMediator mediator)
{
    private readonly Dictionary<Guid, StaffCard> cards = [];

    internal async Task<IReadOnlyDictionary<Guid, StaffCard>> CardsAsync(IEnumerable<Guid> staffIds, CancellationToken cancellationToken)
    {
        var missing = staffIds.Where(id => !cards.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var card in await mediator.Send(new GetStaffCards(missing), cancellationToken))
            {
                cards[card.StaffId] = card;
            }
        }

        return cards;
    }

    internal async Task<string> NameAsync(Guid staffId, CancellationToken cancellationToken) =>
        (await CardsAsync([staffId], cancellationToken)).TryGetValue(staffId, out var card) ? card.Name : "";

    internal async Task<StaffTier?> TierAsync(Guid staffId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetStaffPlacements([staffId]), cancellationToken)) is [var placement, ..] ? placement.Tier : null;
}
