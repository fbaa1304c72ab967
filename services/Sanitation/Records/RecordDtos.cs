using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.Sanitation.Records;

/// <summary>
/// A disinfection done: for a task (<c>taskId</c>) or ad hoc (none). <c>recordId</c> is the client's and makes
/// the call idempotent. The strength is in the agent's unit (chlorine mg/L, alcohol %); airing has no agent.
/// </summary>
public sealed record PostRecordRequest(
    [Required, Description("The client's id for this record: sending it again replays it.")] Guid? RecordId,
    [Description("The task the record completes; none for an ad hoc record.")] Guid? TaskId,
    [Required, StringLength(64)] string? ZoneId,
    [Required, AllowedValues(Methods.Wipe, Methods.Spray, Methods.Ultraviolet, Methods.Ventilate)] string? Method,
    [AllowedValues(Agents.Chlorine, Agents.Alcohol, null)] string? Agent,
    [Range(0.01, 100000), Description("Measured strength in the agent's unit.")] decimal? Strength,
    [Required] DateTimeOffset? StartedAt,
    [Required] DateTimeOffset? EndedAt,
    [StringLength(500), Description("`sha256:` and 64 lowercase hex digits of a photo, or an https URL.")] string? Evidence,
    [StringLength(1000)] string? Notes);

/// <summary>A stored record; <c>outcome</c> says what it did to its task (<c>done</c>, <c>late</c>, <c>recorded</c>: awaiting confirmation, <c>ad_hoc</c>).</summary>
public sealed record RecordView(
    Guid RecordId,
    string HallId,
    Guid? TaskId,
    string ZoneId,
    string Method,
    string? Agent,
    decimal? Strength,
    string? StrengthUnit,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string RecordedBy,
    string? Evidence,
    string? Notes,
    [AllowedValues(RecordOutcomes.Done, RecordOutcomes.Late, RecordOutcomes.Recorded, RecordOutcomes.AdHoc)] string Outcome,
    DateTimeOffset CreatedAt)
{
    public static RecordView From(SanitationRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.RecordId, r.HallId, r.TaskId, r.ZoneId, r.Method, r.Agent, r.Strength, r.StrengthUnit, r.StartedAt.ToUniversalTime(),
            r.EndedAt.ToUniversalTime(), r.RecordedBy, r.Evidence, r.Notes, r.Outcome, r.CreatedAt.ToUniversalTime());
    }
}

/// <summary>A page of a hall-day's records in start order; <c>nextCursor</c> fetches the next (null on the last).</summary>
public sealed record RecordList(string HallId, DateOnly Date, IReadOnlyList<RecordView> Records, string? NextCursor);

public static class RecordOutcomes
{
    public const string Done = "done";
    public const string Late = "late";
    public const string Recorded = "recorded";
    public const string AdHoc = "ad_hoc";
}
