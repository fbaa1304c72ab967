using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Incident.Cases;

namespace CivicHall.Incident.Actions;

/// <summary>The person's unit or street informed (<c>POST …/actions/unit-informed</c>).</summary>
public sealed record UnitInformedRequest(
    [Required, StringLength(IncidentValidation.MaxShort), Description("The unit or street (单位或街道) told.")] string? Name,
    [Required, StringLength(IncidentValidation.MaxName), Description("How: by phone, in person, in writing, …")] string? How,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>The designated hospital or 120 notified (<c>POST …/actions/hospital-notified</c>).</summary>
public sealed record HospitalNotifiedRequest(
    [Required, AllowedValues(HospitalVia.Hospital, HospitalVia.Emergency)] string? Via,
    [Required, StringLength(IncidentValidation.MaxShort), Description("Who took the call (the hospital's department or the 120 dispatcher).")] string? Whom,
    [StringLength(IncidentValidation.MaxText), Description("What they answered (e.g. an ambulance on its way).")] string? Answer,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>A call to the police (110) for a refusal case (<c>POST …/police-calls</c>).</summary>
public sealed record PoliceCallRequest(
    [Required, Description("A UUID the client makes for the call: the same id and body again replays (200), another body is 409 `police_call_id_reused`.")] Guid? CallId,
    [Required, Description("When 110 was called; not later than now.")] DateTimeOffset? CalledAt,
    [StringLength(IncidentValidation.MaxText), Description("What the police answered, if anything yet.")] string? Answer);

/// <summary>A recorded police call.</summary>
public sealed record PoliceCallView(Guid CallId, Guid IncidentId, string CalledBy, DateTimeOffset CalledAt, string? Answer, DateTimeOffset RecordedAt)
{
    public static PoliceCallView From(PoliceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.CallId, call.IncidentId, call.CalledBy, call.CalledAt, call.Answer, call.RecordedAt);
    }
}

/// <summary>Whom the hospital notice went to.</summary>
public static class HospitalVia
{
    /// <summary>The designated hospital (定点医院) directly.</summary>
    public const string Hospital = "hospital";

    /// <summary>The 120 emergency line.</summary>
    public const string Emergency = "120";

    public static IReadOnlyList<string> All { get; } = [Hospital, Emergency];
}
