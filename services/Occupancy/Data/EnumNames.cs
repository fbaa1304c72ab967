using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace CivicHall.Occupancy.Data;

/// <summary>The names enum members carry in their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
public static class EnumNames
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of<TEnum>.Names[value];

    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        Of<TEnum>.Values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"'{name}' is not a {typeof(TEnum).Name}.");

    private static class Of<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{v} has no [JsonStringEnumMemberName]."));

        public static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
