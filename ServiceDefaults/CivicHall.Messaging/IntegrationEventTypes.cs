using System.Collections.Frozen;
using CivicHall.Contracts;

namespace CivicHall.Messaging;

/// <summary>Maps the type names stored in the outbox back to contract types.</summary>
public static class IntegrationEventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(IIntegrationEvent).Assembly
        .GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static string NameOf(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return ByName.ContainsKey(eventType.FullName ?? string.Empty)
            ? eventType.FullName!
            : throw new ArgumentException($"{eventType} is not an integration event of CivicHall.Contracts.", nameof(eventType));
    }

    public static bool TryResolve(string name, out Type eventType) => ByName.TryGetValue(name, out eventType!);
}
