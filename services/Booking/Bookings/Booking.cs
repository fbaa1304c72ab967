namespace CivicHall.Booking.Bookings;

/// <summary>
/// A citizen's booking of a slot (DESIGN §4): <c>confirmed → checked_in → served | no_show | cancelled</c>.
/// Personal data is held as a person key (keyed hash of the ID number, for matching), encrypted copies
/// for authorised display, and masked forms for everyone else.
/// </summary>
public sealed class Booking
{
    public Guid Id { get; init; }

    public required string HallId { get; init; }

    public required string ItemId { get; init; }

    public required string WindowGroup { get; init; }

    public required string SlotId { get; set; }

    public DateOnly Date { get; set; }

    public DateTimeOffset SlotStartsAt { get; set; }

    public DateTimeOffset SlotEndsAt { get; set; }

    public required string Channel { get; init; }

    public required string Kind { get; init; }

    public BookingStatus Status { get; set; } = BookingStatus.Confirmed;

    public required string PersonKey { get; init; }

    public required string IdNumberEncrypted { get; init; }

    public required string IdNumberMasked { get; init; }

    public required string NameEncrypted { get; init; }

    public required string NameMasked { get; init; }

    public string? PhoneEncrypted { get; init; }

    public string? PhoneMasked { get; init; }

    /// <summary>Elderly or disabled (special groups may book at the door and are served first).</summary>
    public string? SpecialGroup { get; init; }

    public string? AgentId { get; init; }

    public string? Enterprise { get; init; }

    /// <summary>Who approved a green-channel booking and why (audited).</summary>
    public string? GreenChannelApprovedBy { get; init; }

    public string? GreenChannelReason { get; init; }

    /// <summary>The subject of the token that made the booking.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int? TicketNumber { get; set; }

    public DateTimeOffset? CheckedInAt { get; set; }

    /// <summary>Checked in after the slot had started (within the late margin).</summary>
    public bool ArrivedLate { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>When a window served the checked-in visitor (办结); null until then.</summary>
    public DateTimeOffset? ServedAt { get; set; }

    /// <summary>The subject of the staff member's token that marked it served.</summary>
    public string? ServedBy { get; set; }

    /// <summary>The window that served it, as the staff member named it (optional).</summary>
    public string? ServedWindowId { get; set; }

    /// <summary>The staff member's note on the outcome (optional).</summary>
    public string? ServedNote { get; set; }

    /// <summary>The slot the booking was first made for, when a re-plan moved it.</summary>
    public string? MovedFromSlotId { get; set; }

    /// <summary>Why a re-plan moved it (<c>slot_withdrawn</c>, <c>capacity_reduced</c>).</summary>
    public string? MoveReason { get; set; }

    /// <summary>
    /// Where its place in the slot was taken (reserve or not, which stripe), so that giving it back
    /// returns it to the same counter; null when it holds none (green channel).
    /// </summary>
    public bool? PlaceReserved { get; set; }

    public short? PlaceStripe { get; set; }

    /// <summary>The stripe of the day's quota it counts against; null when outside the quota (green channel).</summary>
    public short? QuotaStripe { get; set; }

    /// <summary>How often the citizen moved it to another slot (改约), against the policy's <c>maxReschedules</c>.</summary>
    public int RescheduleCount { get; set; }

    /// <summary>The citizen's reason for the last reschedule (optional).</summary>
    public string? RescheduleReason { get; set; }

    public int Revision { get; set; }

    /// <summary>
    /// Cancels a confirmed booking with the reason. A cancelled booking stays as it is; a checked-in, served
    /// or no-show one cannot be cancelled (its place was used or given back already).
    /// </summary>
    public BookingChange Cancel(string reason, DateTimeOffset now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return BookingChange.Unchanged;
        }

        if (Status != BookingStatus.Confirmed)
        {
            return BookingChange.Refused;
        }

        Status = BookingStatus.Cancelled;
        CancelledAt = now;
        CancelReason = reason;
        Revision++;
        return BookingChange.Made;
    }

    /// <summary>
    /// Ends a booking the hall can no longer serve (its zone closed, on-site service suspended): a confirmed or a
    /// checked-in one is cancelled with the reason, and a checked-in one's ticket ends with it. False for any other
    /// state (served, no-show, cancelled already), which keeps as it is.
    /// </summary>
    public bool Withdraw(string reason, DateTimeOffset now)
    {
        if (Status is not (BookingStatus.Confirmed or BookingStatus.CheckedIn))
        {
            return false;
        }

        Status = BookingStatus.Cancelled;
        CancelledAt = now;
        CancelReason = reason;
        Revision++;
        return true;
    }

    /// <summary>
    /// Moves a confirmed or checked-in booking to another slot (another day's, for a zone closure) whose place and unit
    /// of quota were taken for it. A checked-in booking is confirmed again: its ticket was for the day it leaves.
    /// </summary>
    public void MoveTo(MovedPlace place, string reason)
    {
        ArgumentNullException.ThrowIfNull(place);
        MovedFromSlotId ??= SlotId;
        MoveReason = reason;
        SlotId = place.SlotId;
        Date = place.Date;
        SlotStartsAt = place.StartsAt;
        SlotEndsAt = place.EndsAt;
        PlaceReserved = place.Reserved;
        PlaceStripe = place.Stripe;
        QuotaStripe = place.QuotaStripe;
        Status = BookingStatus.Confirmed;
        TicketNumber = null;
        CheckedInAt = null;
        ArrivedLate = false;
        Revision++;
    }

    /// <summary>
    /// Whether the visitor may check in now: a checked-in booking keeps its ticket, a no-show is too late,
    /// anything but a confirmed booking is refused, and a confirmed one only within <paramref name="window"/>.
    /// Changes nothing: the ticket is taken only once the answer is <see cref="BookingChange.Made"/>.
    /// </summary>
    public BookingChange MayCheckIn(CheckInWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Status switch
        {
            BookingStatus.CheckedIn => BookingChange.Unchanged,
            BookingStatus.NoShow => BookingChange.TooLate,
            not BookingStatus.Confirmed => BookingChange.Refused,
            _ when now < window.Opens => BookingChange.TooEarly,
            _ when now > window.Closes => BookingChange.TooLate,
            _ => BookingChange.Made,
        };
    }

    /// <summary>Checks the visitor in with their queue ticket (取号); late when the slot had already started.</summary>
    public void CheckIn(int ticket, DateTimeOffset now)
    {
        Status = BookingStatus.CheckedIn;
        TicketNumber = ticket;
        CheckedInAt = now;
        ArrivedLate = now > SlotStartsAt;
        Revision++;
    }

    /// <summary>
    /// Records that a window served the checked-in visitor (办结). Serving a served booking again changes
    /// nothing (a retry, two windows at once); any other state cannot be served.
    /// </summary>
    public BookingChange Serve(string servedBy, string? windowId, string? note, DateTimeOffset now)
    {
        if (Status == BookingStatus.Served)
        {
            return BookingChange.Unchanged;
        }

        if (Status != BookingStatus.CheckedIn)
        {
            return BookingChange.Refused;
        }

        Status = BookingStatus.Served;
        ServedAt = now;
        ServedBy = servedBy;
        ServedWindowId = windowId;
        ServedNote = note;
        Revision++;
        return BookingChange.Made;
    }

    /// <summary>
    /// Why the citizen may not move it (改约) to another slot, or null when they may: only a confirmed booking that holds a
    /// place (not a green-channel one) and has been moved fewer than <paramref name="maxReschedules"/> times.
    /// <c>booking_reschedule</c> decides it again under the row's lock.
    /// </summary>
    public string? RescheduleRefusal(int maxReschedules) =>
        Status != BookingStatus.Confirmed || PlaceStripe is null ? BookingOutcome.NotReschedulable
        : RescheduleCount >= maxReschedules ? BookingOutcome.RescheduleLimitReached
        : null;

    /// <summary>Marks a confirmed booking whose check-in window closed as a no-show.</summary>
    public void MarkNoShow()
    {
        Status = BookingStatus.NoShow;
        Revision++;
    }
}

/// <summary>A place taken for a booking that moves: the slot, its day and times, the counter stripes taken.</summary>
public sealed record MovedPlace(string SlotId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Reserved, short Stripe, short? QuotaStripe);
