namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>Waits for an eventually consistent condition (an event reaching its consumers).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? string.Empty : $": {because}")}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
