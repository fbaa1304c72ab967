namespace CivicHall.Booking.Problems;

/// <summary>The problem codes of calling tickets (叫号) at the windows.</summary>
public static partial class BookingProblems
{
    public const string WindowUnknown = "window_unknown";
    public const string QueueEmpty = "queue_empty";
    public const string WindowBusy = "window_busy";
    public const string CallUnknown = "call_unknown";
    public const string CallFinished = "call_finished";
    public const string MissTooEarly = "miss_too_early";

    /// <summary>404 <c>window_unknown</c>: the booking policy in force opens no such window in the hall.</summary>
    public static ProblemHttpResult UnknownWindow(string hallId, string windowId) =>
        Problem.Of(StatusCodes.Status404NotFound, WindowUnknown, new Bilingual(
            $"大厅“{hallId}”当前没有窗口“{windowId}”。", $"Hall '{hallId}' has no window '{windowId}' under the booking policy in force."));

    /// <summary>404 <c>queue_empty</c>: no checked-in ticket of the window's group waits to be called today.</summary>
    public static ProblemHttpResult EmptyQueue(string hallId, string windowGroup) =>
        Problem.Of(StatusCodes.Status404NotFound, QueueEmpty, new Bilingual(
            $"大厅“{hallId}”窗口组“{windowGroup}”今日暂无等候的号。", $"No ticket of window group '{windowGroup}' waits to be called in hall '{hallId}' today."));

    /// <summary>409 <c>window_busy</c>: the window's call is still open (serve it or mark it missed first).</summary>
    public static ProblemHttpResult BusyWindow(string windowId, long callId, int ticketNumber) =>
        Problem.Of(StatusCodes.Status409Conflict, WindowBusy, new Bilingual(
            $"窗口“{windowId}”已叫的 {ticketNumber} 号尚未办结或过号。", $"Window '{windowId}' still has ticket {ticketNumber} called: mark it served or missed first."),
            new Dictionary<string, object?> { ["callId"] = callId, ["ticketNumber"] = ticketNumber });

    /// <summary>404 <c>call_unknown</c>: the hall has no such call.</summary>
    public static ProblemHttpResult UnknownCall(string hallId, long callId) =>
        Problem.Of(StatusCodes.Status404NotFound, CallUnknown, new Bilingual($"大厅“{hallId}”没有叫号记录 {callId}。", $"Hall '{hallId}' has no call {callId}."));

    /// <summary>409 <c>call_finished</c>: the call was already served or missed.</summary>
    public static ProblemHttpResult FinishedCall(long callId) =>
        Problem.Of(StatusCodes.Status409Conflict, CallFinished, new Bilingual($"叫号 {callId} 已办结或已过号。", $"Call {callId} was already served or missed."));

    /// <summary>409 <c>miss_too_early</c>: the policy's wait since the call has not passed; <c>missableAt</c> says when it has.</summary>
    public static ProblemHttpResult EarlyMiss(long callId, DateTimeOffset missableAt) =>
        Problem.Of(StatusCodes.Status409Conflict, MissTooEarly, new Bilingual(
            $"叫号 {callId} 尚未到过号等候时间。", $"Call {callId} cannot be marked missed before the policy's wait has passed."),
            new Dictionary<string, object?> { ["missableAt"] = missableAt.ToUniversalTime() });

    private static void RegisterCalls()
    {
        ProblemCatalog.Add(WindowUnknown, "窗口不存在", "The window does not exist in the hall under the booking policy in force.");
        ProblemCatalog.Add(QueueEmpty, "当前窗口组暂无等候的号", "No ticket of the window's group waits to be called.");
        ProblemCatalog.Add(WindowBusy, "该窗口已叫的号尚未办结或过号", "The window's called ticket must be served or missed before it calls the next.");
        ProblemCatalog.Add(CallUnknown, "叫号记录不存在", "The call does not exist.");
        ProblemCatalog.Add(CallFinished, "该叫号已办结或已过号", "The call was already served or missed.");
        ProblemCatalog.Add(MissTooEarly, "尚未到过号等候时间", "The policy's wait after a call has not passed yet.");
    }
}
