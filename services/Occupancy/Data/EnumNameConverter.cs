using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivicHall.Occupancy.Data;

/// <summary>
/// Stores an enum as the name its members carry in <see cref="JsonStringEnumMemberNameAttribute"/>: the
/// column holds the same text the API and the database functions use (<c>inside</c>, <c>turned_away</c>).
/// </summary>
public sealed class EnumNameConverter<TEnum>() : ValueConverter<TEnum, string>(v => EnumNames.Name(v), s => EnumNames.Parse<TEnum>(s))
    where TEnum : struct, Enum;
