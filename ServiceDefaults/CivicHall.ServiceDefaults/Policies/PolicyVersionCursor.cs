using System.Globalization;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.ServiceDefaults.Policies;

/// <summary>
/// The cursor of a policy's version list: the last version number of the page, as opaque text
/// (<c>v</c> and the number). The next page holds the versions below it.
/// </summary>
public static class PolicyVersionCursor
{
    public static string Encode(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The (limit, version below which to read) of a list request, or the 400 answers: a <c>limit</c> outside
    /// 1…<see cref="VersionedPolicyEndpoints.MaxVersionLimit"/>, a cursor this list did not give.
    /// </summary>
    public static (int Limit, int? Below, Dictionary<string, string[]> Errors) Read(int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, VersionedPolicyEndpoints.MaxVersionLimit);
        int? below = null;
        if (cursor is not null)
        {
            if (cursor.Length is > 1 and <= 11 && cursor[0] == 'v'
                && int.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
            {
                below = version;
            }
            else
            {
                errors["cursor"] = [PageQuery.NotACursor];
            }
        }

        return (limit ?? VersionedPolicyEndpoints.DefaultVersionLimit, below, errors);
    }

    /// <summary>The page of <paramref name="rows"/> (read with one more than <paramref name="limit"/>) and its next cursor.</summary>
    public static PolicyVersionPage<TVersion> Page<TVersion>(string hallId, IReadOnlyList<TVersion> rows, int limit, Func<TVersion, int> versionOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(versionOf);
        return rows.Count > limit
            ? new PolicyVersionPage<TVersion>(hallId, [.. rows.Take(limit)], Encode(versionOf(rows[limit - 1])))
            : new PolicyVersionPage<TVersion>(hallId, rows, null);
    }
}
