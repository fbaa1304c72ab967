namespace CivicHall.Screening.Policies;

/// <summary>
/// One version of a hall's entrance rules (DESIGN §4 screening). Versions are never changed: a new one
/// is added with the time it takes effect, and a reading is decided under the version in force at the
/// moment it was taken, which the decision records.
/// </summary>
public sealed class ScreeningPolicy
{
    public required string HallId { get; init; }

    public int Version { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>The checks each kind of person must pass (visitor, staff, courier, agent).</summary>
    public List<PersonKindRules> Kinds { get; init; } = [];

    /// <summary>A first reading at or above this (°C) is taken again (复测).</summary>
    public decimal RetestAtC { get; init; }

    /// <summary>
    /// A retest above this (°C) is fever: isolation. A retest from <see cref="RetestAtC"/> up to this,
    /// without symptoms, is sent home under medical observation (居家医学观察).
    /// </summary>
    public decimal IsolateAboveC { get; init; }

    /// <summary><c>refuse</c> a person without a mask, or <c>provide</c> one at the door.</summary>
    public string MaskRule { get; init; } = MaskRules.Refuse;

    /// <summary>Visitors need a booking for the current window (预约办理).</summary>
    public bool BookingRequired { get; init; }

    /// <summary>How early before its slot starts a booking lets its visitor in.</summary>
    public int BookingEarlyMinutes { get; init; }

    /// <summary>How late after its slot ends a booking still lets its visitor in.</summary>
    public int BookingLateMinutes { get; init; }

    /// <summary>Elderly and disabled visitors may come without a booking (特殊群体现场办理).</summary>
    public bool SpecialGroupsWalkIn { get; init; }

    /// <summary>People younger than this may enter with their ID and offline code, checked by a screener.</summary>
    public int ExemptUnderAge { get; init; }

    /// <summary>People this old or older may enter with their ID and offline code, checked by a screener.</summary>
    public int ExemptFromAge { get; init; }

    /// <summary>Registered disabled people may enter with their ID and offline code, checked by a screener.</summary>
    public bool ExemptRegisteredDisabled { get; init; }

    /// <summary>How long an antigen test taken on the spot counts, in minutes.</summary>
    public int SpotAntigenMinutes { get; init; }

    /// <summary>Days a screening record is kept before it is purged (unless an incident holds it).</summary>
    public int RetentionDays { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public PersonKindRules? For(string personKind) => Kinds.FirstOrDefault(k => k.Kind == personKind);
}

public static class MaskRules
{
    public const string Refuse = "refuse";
    public const string Provide = "provide";
}
