using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivicHall.Messaging.Persistence;

/// <summary>
/// Stores an enum as its JSON names (<see cref="EnumText"/>), so the column holds what the API sends and what the SQL
/// functions compare (<c>checked_in</c>, not <c>CheckedIn</c> or 1).
/// </summary>
public sealed class TextEnumConverter<TEnum>() : ValueConverter<TEnum, string>(v => EnumText.Of(v), s => EnumText.Parse<TEnum>(s))
    where TEnum : struct, Enum;
