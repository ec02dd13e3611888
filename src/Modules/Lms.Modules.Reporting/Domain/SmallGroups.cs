namespace Lms.Modules.Reporting.Domain;

/// <summary>
/// Nobody may be singled out in organisation-wide figures: a group of fewer than <see cref="Minimum"/> people is
/// hidden, and when exactly one group of a set is hidden while the total is shown, the next smallest is hidden too
/// (otherwise total minus the others gives the hidden one away).
/// </summary>
internal static class SmallGroups
{
    public const int Minimum = 5;

    /// <summary>The indexes of <paramref name="sizes"/> to hide, the sum of all of them being shown elsewhere.</summary>
    public static HashSet<int> Hidden(IReadOnlyList<int> sizes)
    {
        var hidden = Enumerable.Range(0, sizes.Count).Where(i => sizes[i] > 0 && sizes[i] < Minimum).ToHashSet();
        if (hidden.Count == 1)
        {
            var next = Enumerable.Range(0, sizes.Count).Where(i => !hidden.Contains(i) && sizes[i] > 0).OrderBy(i => sizes[i]).ThenBy(i => i).FirstOrDefault(-1);
            if (next >= 0)
            {
                hidden.Add(next);
            }
        }

        return hidden;
    }
}
