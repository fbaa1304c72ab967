namespace CivicHall.Incident.Problems;

/// <summary>The incident service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class IncidentProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string ZoneUnknown = "zone_unknown";
    public const string NotAnIsolationZone = "not_an_isolation_zone";
    public const string IncidentUnknown = "incident_unknown";
    public const string IncidentIdReused = "incident_id_reused";
    public const string IncidentStepOutOfOrder = "incident_step_out_of_order";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ZoneUnknown, "该区域不存在", "The hall has no such zone.");
        ProblemCatalog.Add(NotAnIsolationZone, "该区域不是隔离区", "The zone is not an isolation zone of the hall; isolate the person in one.");
        ProblemCatalog.Add(IncidentUnknown, "该应急事件不存在", "There is no such incident.");
        ProblemCatalog.Add(IncidentIdReused, "该事件编号已用于另一事件", "This incidentId was already used for a different incident (another hall, kind, zone or summary).");
        ProblemCatalog.Add(IncidentStepOutOfOrder, "应急处置步骤顺序不符", "The incident is not in the state this step follows: opened, isolated, reported, transferred, closed, in that order.");
    }
}
