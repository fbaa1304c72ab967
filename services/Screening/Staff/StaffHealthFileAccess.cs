using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Screening.Staff;

/// <summary>
/// Who may do what with a staff health file. A file's identity (the person a staff reading is matched
/// to), vaccination and exemption are set by duty leaders and ops only, who verify them; the staff
/// member adds their own tests and symptoms to the file a duty leader opened for them. The staff member
/// is the caller whose token subject is the file's staff id <em>and</em> who holds a role of hall staff:
/// a citizen, agent or the portal is never a staff member, whatever its subject.
/// </summary>
public static class StaffHealthFileAccess
{
    /// <summary>The roles of people who work in a hall and so may keep a health file of their own.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Screener, Roles.WindowStaff, Roles.SanitationStaff, Roles.DutyLeader];

    /// <summary>Opens, replaces and rebinds files; records vaccination and exemptions.</summary>
    public static bool KeepsFiles(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.DutyLeader) || user.IsInRole(Roles.Ops);
    }

    /// <summary>The caller is the staff member <paramref name="staffId"/> themself.</summary>
    public static bool IsStaffMember(ClaimsPrincipal user, string staffId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        return subject is not null && string.Equals(subject, staffId, StringComparison.Ordinal) && StaffRoles.Any(user.IsInRole);
    }

    /// <summary>Adds tests and symptom declarations to an existing file.</summary>
    public static bool MayAdd(ClaimsPrincipal user, string staffId) => KeepsFiles(user) || IsStaffMember(user, staffId);

    /// <summary>Screeners read files at the door.</summary>
    public static bool MayRead(ClaimsPrincipal user, string staffId) => MayAdd(user, staffId) || user.IsInRole(Roles.Screener);
}
