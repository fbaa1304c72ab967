namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>Reads a paged list (API convention: <c>limit</c>, <c>cursor</c>, <c>{items…, nextCursor}</c>) to its end.</summary>
public static class Pages
{
    /// <summary>
    /// Every item of the list at <paramref name="path"/> under <paramref name="items"/>, page by page of <paramref name="limit"/>;
    /// the pages read as the second value. Fails when a page is not 200 or is longer than the limit.
    /// </summary>
    public static async Task<(List<JsonElement> Items, int Pages)> AllAsync(HttpClient client, string path, string items, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit={limit}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(url, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var rows = page.GetProperty(items).EnumerateArray().ToList();
            Assert.True(rows.Count <= limit, $"{url}: {rows.Count} rows for a limit of {limit}");
            all.AddRange(rows);
            pages++;
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(cursor is null || rows.Count == limit, $"{url}: a short page that is not the last");
        }
        while (cursor is not null);

        return (all, pages);
    }
}
