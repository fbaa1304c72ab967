using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Waste;

/// <summary>A bag filled and tied (<c>PUT …/waste-bags/{bagId}</c>): where, from which incident, who is the token's subject.</summary>
public sealed record PutWasteBagRequest(
    [Required, Identifier, Description("The zone of the hall where the bag was filled.")] string? ZoneId,
    [Description("The incident (an isolation, a case) the waste comes from; left out when there is none.")] Guid? IncidentId,
    [StringLength(WasteValidation.MaxNotes)] string? Notes);

/// <summary>The bag double-bagged and sealed with a goose-neck tie (<c>POST …/seal</c>).</summary>
public sealed record SealWasteBagRequest([StringLength(WasteValidation.MaxNotes)] string? Notes);

/// <summary>The bag's outside sprayed (<c>POST …/disinfected</c>): the agent and its measured strength.</summary>
public sealed record DisinfectWasteBagRequest(
    [AllowedValues(Agents.Chlorine), Description("Chlorine-containing disinfectant (the default).")] string? Agent,
    [Required, Range(0.0, WasteValidation.MaxStrength, MinimumIsExclusive = true), Description("The measured strength in mg/L; within the plan's `wasteBagStrength`.")] decimal? Strength,
    [StringLength(WasteValidation.MaxNotes)] string? Notes);

/// <summary>The bag handed over to a licensed collector (<c>POST …/handover</c>).</summary>
public sealed record HandoverWasteBagRequest(
    [Required, StringLength(200), Description("The licensed collector's company.")] string? CollectorCompany,
    [Required, StringLength(100), Description("The collector's person who took the bag.")] string? CollectorName,
    [Required, StringLength(64), Description("The handover form's number (联单号).")] string? HandoverNumber,
    [StringLength(WasteValidation.MaxNotes)] string? Notes);

/// <summary>A step a bag went through, when and by whom, with what that step records.</summary>
public sealed record WasteStepView(
    [AllowedValues(WasteBagStates.Bagged, WasteBagStates.Sealed, WasteBagStates.Disinfected, WasteBagStates.HandedOver)] string State,
    DateTimeOffset At,
    string By,
    string? Notes,
    string? Agent = null,
    decimal? Strength = null,
    string? StrengthUnit = null,
    string? CollectorCompany = null,
    string? CollectorName = null,
    string? HandoverNumber = null);

/// <summary>A bag: where it was filled, its incident, its state, the step it may take next (none once handed over) and its timeline.</summary>
public sealed record WasteBagView(
    string BagId,
    string ZoneId,
    Guid? IncidentId,
    [AllowedValues(WasteBagStates.Bagged, WasteBagStates.Sealed, WasteBagStates.Disinfected, WasteBagStates.HandedOver)] string State,
    [AllowedValues(WasteSteps.Seal, WasteSteps.Disinfected, WasteSteps.Handover, null), Description("The step the bag may take next (the path segment); null once handed over.")] string? NextStep,
    DateTimeOffset BaggedAt,
    IReadOnlyList<WasteStepView> Timeline)
{
    public static WasteBagView From(WasteBag bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var timeline = new List<WasteStepView> { new(WasteBagStates.Bagged, bag.BaggedAt, bag.BaggedBy, bag.Notes) };
        if (bag.SealedAt is { } sealedAt)
        {
            timeline.Add(new(WasteBagStates.Sealed, sealedAt, bag.SealedBy!, bag.SealNotes));
        }

        if (bag.DisinfectedAt is { } disinfectedAt)
        {
            timeline.Add(new(WasteBagStates.Disinfected, disinfectedAt, bag.DisinfectedBy!, bag.DisinfectionNotes, bag.Agent, bag.Strength, bag.StrengthUnit));
        }

        if (bag.HandedOverAt is { } handedOverAt)
        {
            timeline.Add(new(WasteBagStates.HandedOver, handedOverAt, bag.HandedOverBy!, bag.HandoverNotes,
                CollectorCompany: bag.CollectorCompany, CollectorName: bag.CollectorName, HandoverNumber: bag.HandoverNumber));
        }

        return new(bag.BagId, bag.ZoneId, bag.IncidentId, EnumText.Of(bag.State), WasteSteps.Next(bag.State) is { } next ? WasteSteps.Name(next) : null, bag.BaggedAt, timeline);
    }
}

/// <summary>A page of bags, newest bagged first; <c>nextCursor</c> continues after it (null on the last page).</summary>
public sealed record WasteBagList(IReadOnlyList<WasteBagView> Bags, string? NextCursor);
