using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// What a hall-day's tasks are made of, in one value: the hall's directory version (hours, overrides, zones and
/// time zone arrive with <c>HallConfigured</c>, which raises it), the plan version in force and the scheduled
/// meetings around the day. <see cref="DueTaskSchedule"/> is a pure function of these, so equal fingerprints
/// mean the same tasks. <see cref="Algorithm"/> changes when the schedule's code does, so a deployment
/// regenerates every day once.
/// </summary>
public static class DayFingerprint
{
    public const string Algorithm = "schedule-2";

    public static string Of(long hallVersion, int planVersion, IEnumerable<ScheduledMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Algorithm}|hall:{hallVersion}|plan:{planVersion}");
        foreach (var m in meetings.OrderBy(m => m.MeetingId, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"|m:{m.MeetingId},{m.ZoneId},{m.StartsAt.UtcTicks},{m.EndsAt.UtcTicks}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
