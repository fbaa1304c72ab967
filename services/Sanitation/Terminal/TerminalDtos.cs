using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Sanitation.Terminal;

/// <summary>A duty leader orders a zone's terminal disinfection (终末消毒), optionally for an incident.</summary>
public sealed record OrderTerminalRequest(
    [Required, StringLength(64)] string? ZoneId,
    [StringLength(64), Description("The incident it answers: a second order for the same zone and incident while one is open returns that one.")] string? IncidentId,
    [Required, StringLength(500, MinimumLength = 1)] string? Reason);
