using System.Security.Claims;

namespace CivicHall.ServiceDefaults.Auth;

public static class CallerExtensions
{
    /// <summary>
    /// Who is calling: the token's subject (<c>sub</c>, which the JWT handler maps to
    /// <see cref="ClaimTypes.NameIdentifier"/>), as recorded in audit fields and compared for ownership.
    /// </summary>
    public static string Subject(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unknown";
    }
}
