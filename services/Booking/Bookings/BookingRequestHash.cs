using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// The hash an idempotency key is recorded with: of the request as it will be understood (ID numbers
/// normalised, the enterprise trimmed), so a retry that differs only in spelling still replays.
/// </summary>
public static class BookingRequestHash
{
    public static string Of(CreateBookingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(request with { Person = request.Person! with { IdNumber = ChineseIdNumber.Normalize(request.Person.IdNumber!) } });
    }

    public static string Of(CreateBatchBookingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(request with
        {
            Enterprise = request.Enterprise!.Trim(),
            People = request.People!.Select(p => p! with { IdNumber = ChineseIdNumber.Normalize(p.IdNumber!) }).ToList(),
        });
    }

    private static string Hash<T>(T request) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))))[..64];
}
