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

    // Containment (/api/v1/halls/{hallId}/containment).
    public const string ContainmentUnknown = "containment_unknown";
    public const string ContainmentIdReused = "containment_id_reused";
    public const string ZoneNotClosable = "zone_not_closable";
    public const string IncidentNotInHall = "incident_not_in_hall";
    public const string ZoneAlreadyClosed = "zone_already_closed";
    public const string SuspensionActive = "suspension_active";
    public const string NotSuspended = "not_suspended";
    public const string ResumptionPending = "resumption_pending";
    public const string ZonesNotSanitized = "zones_not_sanitized";
    public const string SecondPersonRequired = "second_person_required";
    public const string ContainmentNotPending = "containment_not_pending";

    // Contact tracing (/api/v1/incidents/{incidentId}/tracing).
    public const string IncidentWithoutPerson = "incident_without_person";
    public const string NoPresenceInWindow = "no_presence_in_window";
    public const string TracingUnknown = "tracing_unknown";

    // Clear exports of a tracing list (/api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports).
    public const string ExportUnknown = "export_unknown";
    public const string ExportIdReused = "export_id_reused";
    public const string ExportNotPending = "export_not_pending";
    public const string ExportNotApproved = "export_not_approved";
    public const string ExportNotYours = "export_not_yours";
    public const string ExportAlreadyDownloaded = "export_already_downloaded";
    public const string ExportExpired = "export_expired";
    public const string SourceUnavailable = "source_unavailable";

    /// <summary>404 <c>hall_unknown</c>: the answer of every route that names a hall incident does not know.</summary>
    public static ProblemHttpResult UnknownHall(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, HallUnknown, new Bilingual($"事件服务中没有办事大厅“{hallId}”。", $"Hall '{hallId}' is not known to the incident service."));

    /// <summary>404 <c>zone_unknown</c>: the hall has no such zone.</summary>
    public static ProblemHttpResult UnknownZone(string hallId, string zoneId) =>
        Problem.Of(StatusCodes.Status404NotFound, ZoneUnknown, new Bilingual($"办事大厅“{hallId}”没有区域“{zoneId}”。", $"Hall '{hallId}' has no zone '{zoneId}'."));

    /// <summary>404 <c>incident_unknown</c>.</summary>
    public static ProblemHttpResult UnknownIncident(Guid incidentId) =>
        Problem.Of(StatusCodes.Status404NotFound, IncidentUnknown, new Bilingual($"没有事件“{incidentId}”。", $"There is no incident '{incidentId}'."));

    /// <summary>409 <c>incident_closed</c>.</summary>
    public static ProblemHttpResult Closed(Guid incidentId) =>
        Problem.Of(StatusCodes.Status409Conflict, CaseClosed, new Bilingual($"事件“{incidentId}”已结案。", $"Incident '{incidentId}' is closed."));

    /// <summary>409 <c>concurrent_update</c>: the same write arrived at the same time and the other one won; retry.</summary>
    public static ProblemHttpResult StoredMeanwhile(string whatZh, string whatEn) =>
        Problem.ConcurrentUpdate(new Bilingual($"{whatZh}刚刚被同时提交，请重试。", $"{whatEn} was stored at the same time; retry."));

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
        ProblemCatalog.Add(ContainmentUnknown, "该处置措施不存在", "The hall has no such containment action.");
        ProblemCatalog.Add(ContainmentIdReused, "该处置措施编号已用于另一措施", "This containmentId was already used for a different containment action (another hall, kind or body).");
        ProblemCatalog.Add(ZoneNotClosable, "隔离区不能作为污染区域关闭", "The hall's isolation zone is not closed as a contaminated zone; it is disinfected after each isolation.");
        ProblemCatalog.Add(IncidentNotInHall, "该应急事件不属于本办事大厅", "The incident belongs to another hall.");
        ProblemCatalog.Add(ZoneAlreadyClosed, "该区域已关闭，尚未完成终末消毒", "The zone is already closed by a containment action and not yet sanitized.");
        ProblemCatalog.Add(SuspensionActive, "本大厅已有暂停现场服务的申请或正在暂停", "The hall already has a suspension of on-site service requested or in force.");
        ProblemCatalog.Add(NotSuspended, "该大厅未处于经批准的暂停状态", "The suspension named is not an approved suspension of this hall in force.");
        ProblemCatalog.Add(ResumptionPending, "已有恢复现场服务的申请待批准", "A resumption of this suspension is already requested and awaits approval.");
        ProblemCatalog.Add(ZonesNotSanitized, "仍有关闭区域未完成终末消毒", "Closed zones of the hall are not sanitized yet; resume after their terminal disinfection, or with an audited override.");
        ProblemCatalog.Add(SecondPersonRequired, "须由另一名人员批准", "The person who requested it cannot approve it: a second person with the ops role approves.");
        ProblemCatalog.Add(IncidentWithoutPerson, "该应急事件未关联人员，无法排查接触者", "The incident names no person (no screening key): there is nobody whose contacts to trace.");
        ProblemCatalog.Add(NoPresenceInWindow, "该人员在排查时段内无大厅活动记录", "Every source answered, and the person has neither a stay nor a screening in the hall in the exposure window.");
        ProblemCatalog.Add(TracingUnknown, "该接触者排查记录不存在", "The incident has no such tracing run.");
        ProblemCatalog.Add(ExportUnknown, "该流调名单没有此导出申请", "The tracing run has no such clear export.");
        ProblemCatalog.Add(ExportIdReused, "该导出编号已用于另一申请", "This exportId was already used for a different clear export request.");
        ProblemCatalog.Add(ExportNotPending, "该导出申请已批准或已拒绝", "The clear export is no longer requested: it was approved or rejected.");
        ProblemCatalog.Add(ExportNotApproved, "该导出申请尚未批准", "Only an approved clear export is downloaded: another person approves it first.");
        ProblemCatalog.Add(ExportNotYours, "仅申请人或批准人可下载", "Only the requester or the approver of the clear export downloads it.");
        ProblemCatalog.Add(ExportAlreadyDownloaded, "该名单已下载，不能再次下载", "The clear export was downloaded already: it is handed over once.");
        ProblemCatalog.Add(ExportExpired, "该导出已过期，请重新申请", "The approved clear export was not downloaded in time: request it again.");
        ProblemCatalog.Add(SourceUnavailable, "数据来源服务暂不可用，下载次数未消耗", "A service that holds the people's identities did not answer (see `source`); the download is not used up: try again.");
        ProblemCatalog.Add(ContainmentNotPending, "该处置措施不处于待批准状态", "Only a requested suspension or resumption is approved or withdrawn; this one is not pending.");
    }
}
