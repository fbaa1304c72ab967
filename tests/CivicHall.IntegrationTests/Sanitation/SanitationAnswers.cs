namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>What the sanitation tests read of an answer: its status, its problem code (if any) and its body.</summary>
internal static class SanitationAnswers
{
    public static async Task<(HttpStatusCode Status, string? Code, JsonElement Body)> SendAsync(Task<HttpResponseMessage> sending)
    {
        ArgumentNullException.ThrowIfNull(sending);
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (response.StatusCode, code, body);
    }
}
