namespace CivicHall.Booking.Policies;

/// <summary>The values a hall starts with until it sets its own (seeds: Qingpu, Baoshan).</summary>
public static class BookingPolicyDefaults
{
    public const int SlotMinutes = 30;
    public const decimal PhaseShare = 0.6m;
    public const int DailyQuota = 500;
    public const int HorizonDays = 7;
    public const int MaxActiveBookingsPerPerson = 3;
    public const int CheckInEarlyMinutes = 30;
    public const int CheckInLateMinutes = 15;
    public const decimal WalkInReserveShare = 0.1m;
    public const int GreenChannelDailyLimit = 10;
    public const int MaxReschedules = 2;
    public const int MissedAfterSeconds = 180;
    public const int RequeueAfter = 3;
}
