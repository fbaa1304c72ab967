using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>Makes the booking of a person at a target, personal data protected per DESIGN §6 (keyed hash, encrypted, masked).</summary>
public static class BookingFactory
{
    /// <summary>What a booking holds beside its target and person: how it was made and by whom.</summary>
    public sealed record Terms(
        string Channel,
        string Kind,
        string CreatedBy,
        DateTimeOffset Now,
        string? SpecialGroup = null,
        string? GreenChannelReason = null,
        string? AgentId = null,
        string? Enterprise = null);

    public static Booking Create(BookingTarget target, PersonDto person, Terms terms, PersonalDataProtector personalData)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(personalData);
        var idNumber = ChineseIdNumber.Normalize(person.IdNumber!);
        var phone = PersonalFields.Optional(person.Phone);
        return new Booking
        {
            Id = Guid.CreateVersion7(terms.Now),
            HallId = target.Hall.HallId,
            ItemId = target.Item.ItemId,
            WindowGroup = target.Item.WindowGroup,
            SlotId = target.Slot.SlotId,
            Date = target.Date,
            SlotStartsAt = target.Slot.StartsAt,
            SlotEndsAt = target.Slot.EndsAt,
            Channel = terms.Channel,
            Kind = terms.Kind,
            PersonKey = personalData.PersonKey(idNumber),
            IdNumberEncrypted = personalData.Encrypt(idNumber),
            IdNumberMasked = Masking.IdNumber(idNumber),
            NameEncrypted = personalData.Encrypt(person.Name!.Trim()),
            NameMasked = Masking.Name(person.Name),
            PhoneEncrypted = phone is null ? null : personalData.Encrypt(phone),
            PhoneMasked = phone is null ? null : Masking.Phone(phone),
            SpecialGroup = terms.SpecialGroup,
            AgentId = terms.AgentId,
            Enterprise = terms.Enterprise,
            GreenChannelApprovedBy = terms.GreenChannelReason is null ? null : terms.CreatedBy,
            GreenChannelReason = terms.GreenChannelReason,
            CreatedBy = terms.CreatedBy,
            CreatedAt = terms.Now,
        };
    }
}
