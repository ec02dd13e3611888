using Lms.Modules.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Domain;

/// <summary>The org chart as a tree, loaded in one query (a city has hundreds of units, a prefecture thousands).</summary>
public sealed class OrgChart
{
    private readonly Dictionary<Guid, Node> nodes;

    private OrgChart(IReadOnlyList<Node> roots, Dictionary<Guid, Node> nodes)
    {
        Roots = roots;
        this.nodes = nodes;
    }

    public sealed record UnitInfo(Guid Id, Guid? ParentId, string Name, string Path, int Depth, int SortOrder);

    public sealed class Node(UnitInfo unit)
    {
        public UnitInfo Unit { get; } = unit;
        public List<Node> Children { get; } = [];

        public IEnumerable<Node> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
    }

    public IReadOnlyList<Node> Roots { get; }

    public IEnumerable<Node> All => Roots.SelectMany(r => r.SelfAndDescendants());

    public Node? Find(Guid id) => nodes.GetValueOrDefault(id);

    /// <summary>A manager's scope: the given units and everything below them.</summary>
    public IReadOnlySet<Guid> Subtrees(IEnumerable<Guid> unitIds) =>
        unitIds.Select(Find).OfType<Node>().SelectMany(n => n.SelfAndDescendants()).Select(n => n.Unit.Id).ToHashSet();

    internal static async Task<OrgChart> LoadAsync(OrganizationDbContext db, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new UnitInfo(u.Id, u.ParentId, u.Name, u.Path, u.Depth, u.SortOrder))
            .ToListAsync(cancellationToken);
        var nodes = units.ToDictionary(u => u.Id, u => new Node(u));
        var roots = new List<Node>();
        foreach (var node in nodes.Values.OrderBy(n => n.Unit.SortOrder).ThenBy(n => n.Unit.Name, StringComparer.Ordinal))
        {
            if (node.Unit.ParentId is { } parentId && nodes.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        return new OrgChart(roots, nodes);
    }
}
