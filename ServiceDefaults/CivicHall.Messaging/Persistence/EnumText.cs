using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace CivicHall.Messaging.Persistence;

/// <summary>
/// The names enum members carry in JSON (<see cref="JsonStringEnumMemberNameAttribute"/>), which are also what the
/// database stores (<see cref="TextEnumConverter{TEnum}"/>) and what messages show: one spelling everywhere.
/// </summary>
public static class EnumText
{
    /// <summary>The name of a value (<c>checked_in</c>).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    /// <summary>The value a name stands for.</summary>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByText.TryGetValue(text, out var value) ? value : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}.");

    /// <summary>The value a name stands for; false for any other text (a query value a caller typed).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.ByText.TryGetValue(text, out value);

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToFrozenDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString(), BindingFlags.Public | BindingFlags.Static)!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{v} has no JsonStringEnumMemberName: it would be stored as its C# name."));

        public static readonly FrozenDictionary<string, TEnum> ByText = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
