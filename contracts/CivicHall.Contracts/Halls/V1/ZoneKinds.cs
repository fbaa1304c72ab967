namespace CivicHall.Contracts.Halls.V1;

/// <summary>The zone kinds of DESIGN §2, as they appear on the wire.</summary>
public static class ZoneKinds
{
    public const string EntranceQueue = "entrance_queue";
    public const string SecurityCheck = "security_check";
    public const string ServiceFloor = "service_floor";
    public const string WaitingArea = "waiting_area";
    public const string SelfService = "self_service";
    public const string MeetingRoom = "meeting_room";
    public const string Canteen = "canteen";
    public const string Office = "office";
    public const string Restroom = "restroom";
    public const string Isolation = "isolation";
    public const string CourierPoint = "courier_point";
    public const string Parking = "parking";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        EntranceQueue, SecurityCheck, ServiceFloor, WaitingArea, SelfService, MeetingRoom,
        Canteen, Office, Restroom, Isolation, CourierPoint, Parking,
    };
}
