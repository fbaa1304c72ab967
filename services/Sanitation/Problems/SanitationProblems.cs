namespace CivicHall.Sanitation.Problems;

/// <summary>The sanitation service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class SanitationProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string ZoneUnknown = "zone_unknown";
    public const string NotAMeetingRoom = "not_a_meeting_room";
    public const string MeetingTooLarge = "meeting_too_large";
    public const string MeetingTooLong = "meeting_too_long";
    public const string MeetingUnknown = "meeting_unknown";
    public const string MeetingOverlaps = "meeting_overlaps";
    public const string TaskUnknown = "task_unknown";
    public const string TaskNotOpen = "task_not_open";
    public const string TaskAlreadyRecorded = "task_already_recorded";
    public const string ZoneMismatch = "zone_mismatch";
    public const string AgentMismatch = "agent_mismatch";
    public const string StrengthOutOfRange = "strength_out_of_range";
    public const string RecordEndsBeforeStart = "record_ends_before_start";
    public const string RecordInFuture = "record_in_future";
    public const string RecordIdReused = "record_id_reused";
    public const string TerminalUnknown = "terminal_disinfection_unknown";
    public const string TerminalNotRecorded = "terminal_disinfection_not_recorded";
    public const string OwnRecordConfirmation = "own_record_confirmation";
    public const string SupplyItemUnknown = "supply_item_unknown";
    public const string InsufficientStock = "insufficient_stock";
    public const string SupplyMovementIdReused = "supply_movement_id_reused";
    public const string WasteBagUnknown = "waste_bag_unknown";
    public const string WasteBagIdReused = "waste_bag_id_reused";
    public const string WasteBagStepOutOfOrder = "waste_bag_step_out_of_order";

    /// <summary>404 <c>hall_unknown</c>: the answer of every route that names a hall sanitation does not know.</summary>
    public static ProblemHttpResult UnknownHall(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, HallUnknown, new Bilingual($"消毒服务中没有办事大厅“{hallId}”。", $"Hall '{hallId}' is not known to sanitation."));

    /// <summary>404 <c>zone_unknown</c>: the hall has no such zone.</summary>
    public static ProblemHttpResult UnknownZone(string hallId, string? zoneId) =>
        Problem.Of(StatusCodes.Status404NotFound, ZoneUnknown, new Bilingual($"办事大厅“{hallId}”没有区域“{zoneId}”。", $"Hall '{hallId}' has no zone '{zoneId}'."));

    /// <summary>409 <c>concurrent_update</c>: the same write arrived at the same time and the other one won; retry.</summary>
    public static ProblemHttpResult StoredMeanwhile(string whatZh, string whatEn) =>
        Problem.ConcurrentUpdate(new Bilingual($"{whatZh}刚刚被同时提交，请重试。", $"{whatEn} was stored at the same time; retry."));

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ZoneUnknown, "该区域不存在", "The hall has no such zone.");
        ProblemCatalog.Add(NotAMeetingRoom, "该区域不是会议室", "The zone is not a meeting room.");
        ProblemCatalog.Add(MeetingTooLarge, "参会人数超过会议室上限", "More attendees are expected than the meeting room may hold under the plan.");
        ProblemCatalog.Add(MeetingTooLong, "会议时间超过上限", "The meeting is longer than the plan allows.");
        ProblemCatalog.Add(MeetingUnknown, "该会议不存在", "The hall has no such meeting.");
        ProblemCatalog.Add(MeetingOverlaps, "该会议室同一时段已有会议", "Another meeting is scheduled in the room at that time.");
        ProblemCatalog.Add(TaskUnknown, "该消毒任务不存在", "The hall has no such sanitation task.");
        ProblemCatalog.Add(TaskNotOpen, "该消毒任务已取消，不能登记", "The task is skipped (no longer planned) and cannot be recorded.");
        ProblemCatalog.Add(TaskAlreadyRecorded, "该消毒任务已有登记", "Another record has already completed the task; record it ad hoc (without a task) if it was done again.");
        ProblemCatalog.Add(ZoneMismatch, "登记区域与任务区域不一致", "The record's zone is not the task's zone.");
        ProblemCatalog.Add(AgentMismatch, "消毒方式或消毒剂与任务要求不符", "The method or agent is not the one the task requires.");
        ProblemCatalog.Add(StrengthOutOfRange, "消毒剂浓度不在规定范围内", "The measured strength is outside the range the rule allows.");
        ProblemCatalog.Add(RecordEndsBeforeStart, "结束时间早于开始时间", "The record ends before it starts.");
        ProblemCatalog.Add(RecordInFuture, "登记时间不能晚于当前时间", "The record's start or end lies in the future.");
        ProblemCatalog.Add(RecordIdReused, "该登记编号已用于另一条登记", "This recordId was already used for a different record.");
        ProblemCatalog.Add(TerminalUnknown, "该终末消毒任务不存在", "The hall has no such terminal disinfection.");
        ProblemCatalog.Add(TerminalNotRecorded, "终末消毒尚未登记，不能确认", "The terminal disinfection has no record yet to confirm.");
        ProblemCatalog.Add(OwnRecordConfirmation, "登记人不能确认本人的消毒记录", "The person who recorded the disinfection cannot confirm it; a second duty leader must.");
        ProblemCatalog.Add(SupplyItemUnknown, "该防疫物资不存在", "The hall has no such supply item.");
        ProblemCatalog.Add(InsufficientStock, "库存不足", "Not enough stock for this issue; nothing was issued.");
        ProblemCatalog.Add(SupplyMovementIdReused, "该出入库编号已用于另一笔记录", "This receiptId or issueId was already used for a different receipt or issue.");
        ProblemCatalog.Add(WasteBagUnknown, "该医疗废物袋不存在", "The hall has no such medical-waste bag.");
        ProblemCatalog.Add(WasteBagIdReused, "该废物袋编号已用于另一袋", "This bagId was already used for a different bag (another zone, incident or notes).");
        ProblemCatalog.Add(WasteBagStepOutOfOrder, "医疗废物处置步骤顺序不符", "The bag is not in the state this step follows: bagged, sealed, disinfected, handed over, in that order.");
    }
}
