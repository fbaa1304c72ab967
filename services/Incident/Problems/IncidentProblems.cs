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
    public const string IsolationFull = "isolation_full";
    public const string CaseClosed = "incident_closed";
    public const string ActionAlreadyRecorded = "action_already_recorded";
    public const string NotARefusal = "not_a_refusal";
    public const string PoliceCallIdReused = "police_call_id_reused";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ZoneUnknown, "该区域不存在", "The hall has no such zone.");
        ProblemCatalog.Add(NotAnIsolationZone, "该区域不是隔离区", "The zone is not an isolation zone of the hall; isolate the person in one.");
        ProblemCatalog.Add(IncidentUnknown, "该应急事件不存在", "There is no such incident.");
        ProblemCatalog.Add(IncidentIdReused, "该事件编号已用于另一事件", "This incidentId was already used for a different incident (another hall, kind, zone or summary).");
        ProblemCatalog.Add(IncidentStepOutOfOrder, "应急处置步骤顺序不符", "The incident is not in the state this step follows: opened, isolated, reported, transferred, closed, in that order (a case notice: opened, reported, closed).");
        ProblemCatalog.Add(IsolationFull, "隔离区已满，已报告值班领导", "The isolation zone holds as many people as it has places; the duty leader has been told.");
        ProblemCatalog.Add(CaseClosed, "该应急事件已结案", "The incident is closed: nothing more is recorded on it.");
        ProblemCatalog.Add(ActionAlreadyRecorded, "该处置动作已记录，内容不同", "This action was already recorded on the incident with other details.");
        ProblemCatalog.Add(NotARefusal, "该事件不是拒不配合事件", "Police assistance (110) is recorded for refusal cases only.");
        ProblemCatalog.Add(PoliceCallIdReused, "该报警记录编号已用于另一记录", "This callId was already used for a different police call.");
    }
}
