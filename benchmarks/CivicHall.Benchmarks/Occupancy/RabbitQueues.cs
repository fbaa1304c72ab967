using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>What RabbitMQ's management API says is left in occupancy's queues of PersonAdmitted.</summary>
internal static class RabbitQueues
{
    /// <summary>Messages left in RabbitMQ queues of PersonAdmitted (the consumer's and its _error queue).</summary>
    public static async Task<List<(string Name, long Ready, long Unacknowledged)>> PersonAdmittedAsync()
    {
        try
        {
            using var management = new HttpClient
            {
                BaseAddress = new Uri("http://localhost:15672/api/"),
                Timeout = TimeSpan.FromSeconds(10),
            };
            var credentials = Convert.ToBase64String(Encoding.ASCII.GetBytes("civichall:civichall"));
            management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            var path = new Uri("queues/%2F?columns=name,messages_ready,messages_unacknowledged", UriKind.Relative);
            using var json = JsonDocument.Parse(await management.GetStringAsync(path));
            static long Count(JsonElement queue, string name) =>
                queue.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
            return [.. json.RootElement.EnumerateArray()
                .Select(q => (Name: q.GetProperty("name").GetString() ?? "", Ready: Count(q, "messages_ready"),
                    Unacknowledged: Count(q, "messages_unacknowledged")))
                .Where(q => q.Name.StartsWith("occupancy", StringComparison.Ordinal)
                    && q.Name.Contains("person-admitted", StringComparison.Ordinal))];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }
}
