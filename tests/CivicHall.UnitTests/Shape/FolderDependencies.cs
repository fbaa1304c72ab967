using System.Text.RegularExpressions;

namespace CivicHall.UnitTests.Shape;

/// <summary>
/// Which feature folders of a service refer to which (issue 17: no import cycles between a service's
/// folders). A folder is the first level below the service (<c>Bookings/</c>, <c>Slots/</c>…); a file
/// refers to another folder by a <c>using CivicHall.&lt;Service&gt;.&lt;Folder&gt;</c> or a qualified name.
/// The composition roots are left out: <c>Data/</c> (the DbContext maps every folder's entities),
/// <c>Extensions/</c> (the wiring), <c>Migrations/</c> and the files at the service's root (its API
/// contract, problems and telemetry), which may refer to every folder.
/// </summary>
public static partial class FolderDependencies
{
    public static IReadOnlySet<string> CompositionRoots { get; } = new HashSet<string>(StringComparer.Ordinal) { "Data", "Extensions", "Migrations", "bin", "obj" };

    /// <summary>Edges folder → folder, each with the files that make it.</summary>
    public static IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Edges(
        string service, IEnumerable<(string RelativePath, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var fileList = files.ToList();
        var folders = fileList.Select(f => FolderOf(f.RelativePath)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var reference = new Regex($@"\bCivicHall\.{Regex.Escape(service)}\.(\w+)", RegexOptions.CultureInvariant);
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var (path, text) in fileList)
        {
            if (FolderOf(path) is not { } from)
            {
                continue;
            }

            foreach (var to in reference.Matches(StripComments(text)).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
            {
                if (to != from && folders.Contains(to))
                {
                    var key = (from, to);
                    if (!edges.TryGetValue(key, out var because))
                    {
                        edges[key] = because = [];
                    }

                    because.Add(path);
                }
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);
    }

    /// <summary>One cycle of folders (first folder repeated at the end), or null when the graph is acyclic.</summary>
    public static IReadOnlyList<string>? FindCycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : [.. path.SkipWhile(n => n != node), node];
            }

            state[node] = false;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        return next.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    /// <summary>The feature folder of a path relative to the service, or null for a composition root.</summary>
    private static string? FolderOf(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        return parts.Length > 1 && !CompositionRoots.Contains(parts[0]) ? parts[0] : null;
    }

    /// <summary>Comments may name other folders (a cref, a remark) without depending on them.</summary>
    private static string StripComments(string text) => Comments().Replace(text, string.Empty);

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comments();
}
