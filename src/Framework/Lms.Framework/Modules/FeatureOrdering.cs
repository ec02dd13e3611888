namespace Lms.Framework.Modules;

/// <summary>Topological order of features; a missing dependency or a cycle stops start-up naming both ends.</summary>
internal static class FeatureOrdering
{
    public static IReadOnlyList<FeatureDescriptor> Order(IReadOnlyList<FeatureDescriptor> features)
    {
        var byId = features.ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var feature in features)
        {
            foreach (var dependency in feature.Dependencies)
            {
                if (!byId.ContainsKey(dependency))
                {
                    throw new ModuleLoadException($"Feature '{feature.Id}' depends on '{dependency}', which no referenced module provides.");
                }
            }
        }

        var result = new List<FeatureDescriptor>(features.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        var path = new Stack<string>();

        void Visit(FeatureDescriptor feature)
        {
            if (state.TryGetValue(feature.Id, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(id => id != feature.Id).Append(feature.Id);
                    throw new ModuleLoadException($"Features depend on each other in a cycle: {string.Join(" -> ", cycle)} (between '{path.Peek()}' and '{feature.Id}').");
                }

                return;
            }

            state[feature.Id] = false;
            path.Push(feature.Id);
            foreach (var dependency in feature.Dependencies.Order(StringComparer.Ordinal))
            {
                Visit(byId[dependency]);
            }

            path.Pop();
            state[feature.Id] = true;
            result.Add(feature);
        }

        // Stable: themes last, then by id, so the order does not depend on assembly load order.
        foreach (var feature in features.OrderBy(f => f.Module.IsTheme).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            Visit(feature);
        }

        return result;
    }
}
