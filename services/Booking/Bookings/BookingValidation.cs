using System.Security.Claims;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary>Checks booking requests (single, batch, cancel, serve) and lists every field that is wrong.</summary>
public static class BookingValidation
{
    /// <summary>A single booking; which role may use which channel: the app is the citizen's, the portal the portal's, phone and door are staff's.</summary>
    public static Dictionary<string, string[]> Validate(CreateBookingRequest? request, string key, ClaimsPrincipal user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        IdempotencyKeyHeader.Validate(key, IdempotencyKeyHeader.BookingMaxLength, errors);
        if (request is null)
        {
            errors["body"] = ["A JSON body with the booking is required."];
            return errors;
        }

        ValidateAsk(request.HallId, request.ItemId, request.SlotId, errors);

        if (request.Channel is null || !BookingChannels.All.Contains(request.Channel))
        {
            errors["channel"] = ["One of portal, app, phone, on_site."];
        }
        else if (!ChannelAllowed(request.Channel, user))
        {
            errors["channel"] = [$"Your role may not book through '{request.Channel}'."];
        }

        if (request.SpecialGroup is not null && !SpecialGroups.IsKnown(request.SpecialGroup))
        {
            errors["specialGroup"] = ["One of elderly, disabled."];
        }
        else if (request.SpecialGroup is not null && request.Channel != BookingChannels.OnSite)
        {
            errors["specialGroup"] = ["Special groups are booked at the door (channel on_site)."];
        }
        else if (request.SpecialGroup is null && request.GreenChannel is null && request.Channel == BookingChannels.OnSite)
        {
            errors["specialGroup"] = ["At the door only special groups (elderly, disabled) are booked."];
        }

        if (request.GreenChannel is { } greenChannel)
        {
            if (!user.IsInRole(Roles.DutyLeader))
            {
                errors["greenChannel"] = ["Only a duty leader may book through the green channel."];
            }
            else if (string.IsNullOrWhiteSpace(greenChannel.Reason) || greenChannel.Reason.Trim().Length is < 4 or > 500)
            {
                errors["greenChannel.reason"] = ["Required (4–500 characters): the green channel is audited."];
            }

            if (request.SpecialGroup is not null)
            {
                errors["greenChannel"] = ["A booking is either green channel or a special group, not both."];
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ValidatePerson(request.Person, "person", errors, today);
        if (request.SpecialGroup == SpecialGroups.Elderly && ChineseIdNumber.IsValid(request.Person?.IdNumber, today.AddDays(1))
            && ChineseIdNumber.AgeOn(request.Person!.IdNumber!, today) < 60)
        {
            errors["specialGroup"] = ["The elderly group is for people aged 60 and over."];
        }

        return errors;
    }

    /// <summary>A batch: the ask, the enterprise, and every person (none twice).</summary>
    public static Dictionary<string, string[]> Validate(CreateBatchBookingRequest? request, string key, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        IdempotencyKeyHeader.Validate(key, IdempotencyKeyHeader.BatchMaxLength, errors);
        if (request is null)
        {
            errors["body"] = ["A JSON body with the batch is required."];
            return errors;
        }

        ValidateAsk(request.HallId, request.ItemId, request.SlotId, errors);

        if (string.IsNullOrWhiteSpace(request.Enterprise) || request.Enterprise.Trim().Length > 200)
        {
            errors["enterprise"] = ["Required: the enterprise the people work for, at most 200 characters."];
        }

        if (request.People is not { Count: > 0 })
        {
            errors["people"] = ["At least one person."];
            return errors;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.People.Count; i++)
        {
            var person = request.People[i];
            ValidatePerson(person, $"people[{i}]", errors, today);
            if (person?.IdNumber is { } id && ChineseIdNumber.IsValid(id, today.AddDays(1)) && !seen.Add(ChineseIdNumber.Normalize(id)))
            {
                errors[$"people[{i}].idNumber"] = ["This person is already in the batch."];
            }
        }

        return errors;
    }

    /// <summary>The optional body of a cancel: a reason of at most <see cref="CancelBookingRequest.ReasonMaxLength"/> characters.</summary>
    public static Dictionary<string, string[]> Validate(CancelBookingRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Reason is { } given && given.Trim().Length > CancelBookingRequest.ReasonMaxLength)
        {
            errors["reason"] = [$"At most {CancelBookingRequest.ReasonMaxLength} characters."];
        }

        return errors;
    }

    /// <summary>The optional body of a serve: a window id and a note, each when given.</summary>
    public static Dictionary<string, string[]> Validate(ServeBookingRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.WindowId is { } window && !Identifier.IsValid(window))
        {
            errors["windowId"] = [$"When given, an id. {Identifier.Rule}"];
        }

        if (request?.Note is { } note && note.Trim().Length > ServeBookingRequest.NoteMaxLength)
        {
            errors["note"] = [$"At most {ServeBookingRequest.NoteMaxLength} characters."];
        }

        return errors;
    }

    /// <summary>Adds what is missing of what a booking asks for: hall, item, slot.</summary>
    private static void ValidateAsk(string? hallId, string? itemId, string? slotId, Dictionary<string, string[]> errors)
    {
        if (!Identifier.IsValid(hallId))
        {
            errors["hallId"] = [$"Required. {Identifier.Rule}"];
        }

        if (!Identifier.IsValid(itemId))
        {
            errors["itemId"] = [$"Required. {Identifier.Rule}"];
        }

        if (string.IsNullOrWhiteSpace(slotId) || slotId.Length > SlotIds.MaxLength || !SlotIds.IsValid(slotId))
        {
            errors["slotId"] = ["Required: a slotId from GET /api/v1/halls/{hallId}/slots."];
        }
    }

    /// <summary>Adds what is wrong with a person (ID number, name, phone) under <paramref name="field"/>.</summary>
    private static void ValidatePerson(PersonDto? person, string field, Dictionary<string, string[]> errors, DateOnly today)
    {
        if (person is null)
        {
            errors[field] = ["Required: idNumber and name."];
            return;
        }

        if (!ChineseIdNumber.IsValid(person.IdNumber, today.AddDays(1)))
        {
            errors[$"{field}.idNumber"] = ["Not a valid 18-character resident ID number."];
        }

        if (PersonalFields.NameError(person.Name) is { } name)
        {
            errors[$"{field}.name"] = [name];
        }

        if (PersonalFields.PhoneError(person.Phone) is { } phone)
        {
            errors[$"{field}.phone"] = [phone];
        }
    }

    private static bool ChannelAllowed(string channel, ClaimsPrincipal user) => channel switch
    {
        BookingChannels.App => user.IsInRole(Roles.Citizen),
        BookingChannels.Portal => user.IsInRole(Roles.Portal),
        BookingChannels.Phone or BookingChannels.OnSite => user.IsInRole(Roles.WindowStaff) || user.IsInRole(Roles.DutyLeader),
        _ => false,
    };
}
