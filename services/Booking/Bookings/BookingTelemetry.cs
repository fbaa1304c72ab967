using System.Diagnostics;
using System.Diagnostics.Metrics;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// The booking service's metrics (meter <c>CivicHall.Booking</c>; ServiceDefaults exports <c>CivicHall.*</c>):
/// bookings confirmed and refused, counted from what <c>POST /api/v1/bookings</c> and <c>…/batches</c>
/// answered. Tags: <c>hall</c> (only a hall booking knows: never one a caller made up), <c>channel</c> and
/// <c>kind</c> (fixed sets), <c>code</c> (the problem codes); never a person.
/// </summary>
public static class BookingTelemetry
{
    public const string MeterName = "CivicHall.Booking";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Confirmed = Meter.CreateCounter<long>(
        "civichall.booking.confirmed", unit: "{booking}",
        description: "Bookings made (a replayed Idempotency-Key is not counted again), by hall, channel and kind.");

    internal static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "civichall.booking.refused", unit: "{request}",
        description: "Booking requests refused, by problem code (slot_full, quota_reached, validation_failed…) and channel; a refused batch counts once.");

    /// <summary>Codes answered before the hall is known to exist: no hall tag, which would be whatever the caller sent.</summary>
    private static readonly HashSet<string> BeforeTheHall = new(StringComparer.Ordinal)
    {
        ProblemCodes.ValidationFailed, BookingProblems.HallUnknown, BookingProblems.AgentNotRegistered, BookingProblems.BatchTooLarge,
    };

    /// <summary>Counts what a booking endpoint answered (an endpoint filter on both writes).</summary>
    internal static async ValueTask<object?> CountAnswer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var (hallId, channel) = context.Arguments switch
        {
            var args when args.OfType<CreateBookingRequest>().FirstOrDefault() is { } single => (single.HallId, single.Channel),
            var args when args.OfType<CreateBatchBookingRequest>().FirstOrDefault() is { } batch => (batch.HallId, BookingChannels.Portal),
            _ => (null, null),
        };
        Count((result as INestedHttpResult)?.Result ?? result as IResult, hallId, channel);
        return result;
    }

    /// <summary>Confirmed bookings of a 201, the refusal of a problem; a 200 (a replay) counts nothing.</summary>
    public static void Count(IResult? answer, string? hallId, string? channel)
    {
        switch (answer)
        {
            case Created<BookingResponse> { Value: { } booking }:
                CountConfirmed(booking);
                break;
            case Created<BatchBookingResponse> { Value: { } batch }:
                foreach (var booking in batch.Bookings)
                {
                    CountConfirmed(booking);
                }

                break;
            case ProblemHttpResult problem when problem.ProblemDetails.Extensions.TryGetValue("code", out var value) && value is string code:
                Refused.Add(1, RefusalTags(code, hallId, channel));
                break;
        }
    }

    /// <summary>The tags of a refusal: its code, the channel asked for when it is one, the hall when booking knew it.</summary>
    public static TagList RefusalTags(string code, string? hallId, string? channel)
    {
        ArgumentNullException.ThrowIfNull(code);
        var tags = new TagList { { "code", code } };
        if (channel is not null && BookingChannels.All.Contains(channel))
        {
            tags.Add("channel", channel);
        }

        if (!BeforeTheHall.Contains(code) && Identifier.IsValid(hallId))
        {
            tags.Add("hall", hallId);
        }

        return tags;
    }

    private static void CountConfirmed(BookingResponse booking) =>
        Confirmed.Add(1, new TagList { { "hall", booking.HallId }, { "channel", booking.Channel }, { "kind", booking.Kind } });
}
