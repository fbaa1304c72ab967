using CivicHall.Contracts.Halls.V1;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation.Plans;

/// <summary>
/// Checks a new version and turns it into the plan it stores: every problem by field (<c>rules[2].everyHours</c>),
/// so a caller fixes them all at once; a field that belongs to another kind of rule is refused rather than
/// ignored, so a plan never says something the schedule does not do.
/// </summary>
public static class SanitationPlanValidation
{
    public static Dictionary<string, string[]> Validate(PutSanitationPlanRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A sanitation plan is required."];
            return errors;
        }

        if (request.EffectiveFrom is { } from && from < now.AddMinutes(-5))
        {
            errors["effectiveFrom"] = ["A version cannot take effect in the past: what was in force stays on record."];
        }

        if (request.GraceMinutes is < 0 or > 1440)
        {
            errors["graceMinutes"] = ["From 0 to 1440 minutes."];
        }

        if (request.EscalateAfterMinutes is < 1 or > 1440)
        {
            errors["escalateAfterMinutes"] = ["From 1 to 1440 minutes."];
        }

        if (request.EscalationCooldownMinutes is < 0 or > 1440)
        {
            errors["escalationCooldownMinutes"] = ["From 0 to 1440 minutes."];
        }

        if (request.MeetingMaxAttendees is < 1 or > 1000)
        {
            errors["meetingMaxAttendees"] = ["From 1 to 1000 people."];
        }

        if (request.MeetingMaxMinutes is < 1 or > 1440)
        {
            errors["meetingMaxMinutes"] = ["From 1 to 1440 minutes."];
        }

        if (request.SuppliesLowCooldownMinutes is < 0 or > 10080)
        {
            errors["suppliesLowCooldownMinutes"] = ["From 0 to 10080 minutes (a week)."];
        }

        if (request.MaskItemId is not null && !Identifier.IsValid(request.MaskItemId))
        {
            errors["maskItemId"] = ["A supply item's id (1–64 letters, digits, '.', '_', '-')."];
        }

        if (request.WasteBagStrength is { } waste)
        {
            ValidateStrength(waste, Agents.Chlorine, "wasteBagStrength", errors);
        }

        if (request.Rules is { } rules)
        {
            if (rules.Count > 100)
            {
                errors["rules"] = ["At most 100 rules."];
                return errors;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < rules.Count; i++)
            {
                var field = $"rules[{i}]";
                if (rules[i] is not { } rule)
                {
                    errors[field] = ["A rule is required."];
                    continue;
                }

                if (rule.RuleId is { } id && Identifier.IsValid(id) && !seen.Add(id))
                {
                    errors[$"{field}.ruleId"] = ["Rule ids must be unique within a plan."];
                }

                ValidateRule(rule, field, errors);
            }
        }

        return errors;
    }

    private static void ValidateRule(SanitationRuleRequest rule, string field, Dictionary<string, string[]> errors)
    {
        void Error(string name, string message) => errors.TryAdd($"{field}.{name}", [message]);

        if (!Identifier.IsValid(rule.RuleId))
        {
            Error("ruleId", Identifier.Rule);
        }

        if (rule.ZoneKinds is not { Count: > 0 and <= 12 } kinds)
        {
            Error("zoneKinds", "One to 12 zone kinds.");
        }
        else
        {
            for (var k = 0; k < kinds.Count; k++)
            {
                if (kinds[k] is not { } kind || !ZoneKinds.All.Contains(kind))
                {
                    errors[$"{field}.zoneKinds[{k}]"] = [$"Not a zone kind; one of {string.Join(", ", ZoneKinds.All.Order(StringComparer.Ordinal))}."];
                }
            }

            if (kinds.Distinct().Count() != kinds.Count)
            {
                Error("zoneKinds", "Each zone kind once.");
            }
        }

        if (rule.ZoneIds is { } zoneIds)
        {
            if (zoneIds.Count is 0 or > 100)
            {
                Error("zoneIds", "One to 100 zone ids, or leave it out for every zone of the kinds.");
            }

            for (var z = 0; z < zoneIds.Count; z++)
            {
                if (!Identifier.IsValid(zoneIds[z]))
                {
                    errors[$"{field}.zoneIds[{z}]"] = [Identifier.Rule];
                }
            }
        }

        if (rule.Target is not null && !Identifier.IsValid(rule.Target))
        {
            Error("target", Identifier.Rule);
        }

        var ventilation = rule.Kind == RuleKinds.Ventilation;
        if (rule.Method is null || !Methods.All.Contains(rule.Method))
        {
            Error("method", $"One of {string.Join(", ", Methods.All)}.");
        }
        else if (ventilation != (rule.Method == Methods.Ventilate))
        {
            Error("method", "Ventilation rules, and only they, use the method 'ventilate'.");
        }

        if (ventilation)
        {
            if (rule.Agent is not null)
            {
                Error("agent", "Airing uses no agent.");
            }

            if (rule.Strength is not null)
            {
                Error("strength", "Airing has no strength.");
            }
        }
        else if (rule.Kind is not null && RuleKinds.All.Contains(rule.Kind))
        {
            if (rule.Agent is null || !Agents.All.Contains(rule.Agent))
            {
                Error("agent", $"One of {string.Join(", ", Agents.All)}.");
            }
            else if (rule.Strength is { } strength)
            {
                ValidateStrength(strength, rule.Agent, $"{field}.strength", errors);
            }
        }

        // The fields of each kind; any other kind's field is refused.
        var allowed = rule.Kind switch
        {
            RuleKinds.Every => new[] { "everyHours", "aroundTheClockWhileOccupied", "bringForwardAfterVisitors" },
            RuleKinds.TimesPerDay => ["timesPerDay", "bringForwardAfterVisitors"],
            RuleKinds.At => ["times", "windowMinutes"],
            RuleKinds.Ventilation => ["timesPerDay", "windows", "minMinutes"],
            RuleKinds.AroundMeetings => ["minutesBefore", "minutesAfter"],
            _ => null,
        };
        if (allowed is null)
        {
            Error("kind", $"One of {string.Join(", ", RuleKinds.All)}.");
            return;
        }

        foreach (var (name, given) in new (string, bool)[]
        {
            ("everyHours", rule.EveryHours is not null), ("aroundTheClockWhileOccupied", rule.AroundTheClockWhileOccupied is not null),
            ("timesPerDay", rule.TimesPerDay is not null), ("times", rule.Times is not null), ("windowMinutes", rule.WindowMinutes is not null),
            ("windows", rule.Windows is not null), ("minMinutes", rule.MinMinutes is not null),
            ("minutesBefore", rule.MinutesBefore is not null), ("minutesAfter", rule.MinutesAfter is not null),
            ("bringForwardAfterVisitors", rule.BringForwardAfterVisitors is not null),
        })
        {
            if (given && !allowed.Contains(name))
            {
                Error(name, $"Not a field of a '{rule.Kind}' rule.");
            }
        }

        if (rule.BringForwardAfterVisitors is < 1 or > 100_000 && allowed.Contains("bringForwardAfterVisitors"))
        {
            Error("bringForwardAfterVisitors", "From 1 to 100000 visitors.");
        }

        switch (rule.Kind)
        {
            case RuleKinds.Every:
                if (rule.EveryHours is not (>= 1 and <= 24))
                {
                    Error("everyHours", "Required: from 1 to 24 hours.");
                }

                break;
            case RuleKinds.TimesPerDay:
                if (rule.TimesPerDay is not (>= 1 and <= 48))
                {
                    Error("timesPerDay", "Required: from 1 to 48 times.");
                }

                break;
            case RuleKinds.At:
                ValidateTimes(rule, field, errors);
                if (rule.WindowMinutes is < 1 or > 720)
                {
                    Error("windowMinutes", "From 1 to 720 minutes.");
                }

                break;
            case RuleKinds.Ventilation:
                ValidateVentilation(rule, field, errors);
                break;
            case RuleKinds.AroundMeetings:
                if (rule.ZoneKinds is { } meetingKinds && meetingKinds.Any(k => k != ZoneKinds.MeetingRoom))
                {
                    Error("zoneKinds", "Meetings are held in meeting rooms: only 'meeting_room'.");
                }

                if (rule.MinutesBefore is < 0 or > 240)
                {
                    Error("minutesBefore", "From 0 to 240 minutes.");
                }

                if (rule.MinutesAfter is < 0 or > 240)
                {
                    Error("minutesAfter", "From 0 to 240 minutes.");
                }

                if (rule.MinutesBefore == 0 && rule.MinutesAfter == 0)
                {
                    Error("minutesBefore", "A window before or after each meeting, or both.");
                }

                break;
        }
    }

    private static void ValidateTimes(SanitationRuleRequest rule, string field, Dictionary<string, string[]> errors)
    {
        if (rule.Times is not { Count: > 0 and <= 24 } times)
        {
            errors[$"{field}.times"] = ["Required: one to 24 times."];
            return;
        }

        for (var t = 0; t < times.Count; t++)
        {
            var name = $"{field}.times[{t}]";
            switch (times[t])
            {
                case null:
                    errors[name] = ["A time is required."];
                    break;
                case { Anchor: Anchors.Opening or Anchors.Closing } anchored:
                    if (anchored.OffsetMinutes is not (>= -720 and <= 720))
                    {
                        errors[$"{name}.offsetMinutes"] = ["Required with 'opening' or 'closing': from -720 to 720 minutes."];
                    }

                    if (anchored.Time is not null)
                    {
                        errors[$"{name}.time"] = ["Only with the anchor 'clock'."];
                    }

                    break;
                case { Anchor: Anchors.Clock } clock:
                    if (ClockTimes.Parse(clock.Time) is null)
                    {
                        errors[$"{name}.time"] = ["Required with the anchor 'clock': a local time, HH:mm."];
                    }

                    if (clock.OffsetMinutes is not null)
                    {
                        errors[$"{name}.offsetMinutes"] = ["Only with the anchors 'opening' and 'closing'."];
                    }

                    break;
                default:
                    errors[$"{name}.anchor"] = [$"One of {string.Join(", ", Anchors.All)}."];
                    break;
            }
        }
    }

    private static void ValidateVentilation(SanitationRuleRequest rule, string field, Dictionary<string, string[]> errors)
    {
        if ((rule.TimesPerDay is null) == (rule.Windows is null))
        {
            errors[$"{field}.timesPerDay"] = ["Either 'timesPerDay' (with 'minMinutes') or fixed 'windows', not both."];
            return;
        }

        if (rule.TimesPerDay is not null)
        {
            if (rule.TimesPerDay is not (>= 1 and <= 24))
            {
                errors[$"{field}.timesPerDay"] = ["From 1 to 24 times."];
            }

            if (rule.MinMinutes is not (>= 1 and <= 720))
            {
                errors[$"{field}.minMinutes"] = ["Required with 'timesPerDay': from 1 to 720 minutes."];
            }

            return;
        }

        var windows = rule.Windows!;
        if (windows.Count is 0 or > 12)
        {
            errors[$"{field}.windows"] = ["One to 12 windows."];
        }

        for (var w = 0; w < windows.Count; w++)
        {
            if (windows[w] is null)
            {
                errors[$"{field}.windows[{w}]"] = ["A window needs 'from' and 'to' (HH:mm)."];
            }
            else if (ClockTimes.Parse(windows[w]!.From) is not { } from)
            {
                errors[$"{field}.windows[{w}].from"] = ["A local time, HH:mm."];
            }
            else if (ClockTimes.Parse(windows[w]!.To) is not { } to)
            {
                errors[$"{field}.windows[{w}].to"] = ["A local time, HH:mm."];
            }
            else if (to <= from)
            {
                errors[$"{field}.windows[{w}].to"] = ["After 'from', on the same day."];
            }
            else if (rule.MinMinutes is { } least && least > (to - from).TotalMinutes)
            {
                errors[$"{field}.minMinutes"] = ["Longer than a window."];
            }
        }

        if (rule.MinMinutes is < 1 or > 720)
        {
            errors.TryAdd($"{field}.minMinutes", ["From 1 to 720 minutes."]);
        }
    }

    private static void ValidateStrength(StrengthRequest strength, string agent, string field, Dictionary<string, string[]> errors)
    {
        var unit = Agents.UnitOf(agent);
        var ceiling = unit == Agents.Percent ? 100m : 100_000m;
        if (strength.Min is not { } min || min <= 0 || min > ceiling)
        {
            errors[$"{field}.min"] = [$"Required: more than 0 and at most {ceiling} {unit}."];
        }

        if (strength.Max is not { } max || max <= 0 || max > ceiling)
        {
            errors[$"{field}.max"] = [$"Required: more than 0 and at most {ceiling} {unit}."];
        }
        else if (strength.Min is { } low && low > max)
        {
            errors[$"{field}.max"] = ["At least 'min'."];
        }

        if (strength.Unit != unit)
        {
            errors[$"{field}.unit"] = [$"'{unit}' for {agent}."];
        }
    }

    /// <summary>The rule a valid request stores; strength defaults to the seeds' for the agent, window lengths to the seeds'.</summary>
    public static SanitationRule ToRule(SanitationRuleRequest rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var strength = rule.Agent is null
            ? null
            : rule.Strength is { Min: { } min, Max: { } max, Unit: { } unit }
                ? new Strength(min, max, unit)
                : rule.Agent == Agents.Alcohol ? SanitationPlanDefaults.Alcohol : SanitationPlanDefaults.Chlorine;
        var meetings = rule.Kind == RuleKinds.AroundMeetings;
        return new SanitationRule(
            rule.RuleId!,
            rule.Kind!,
            [.. rule.ZoneKinds!.OfType<string>()],
            rule.ZoneIds is null ? null : [.. rule.ZoneIds.OfType<string>()],
            rule.Target,
            rule.Method!,
            rule.Agent,
            strength,
            rule.EveryHours,
            rule.AroundTheClockWhileOccupied ?? false,
            rule.TimesPerDay,
            rule.Times?.OfType<AnchoredTimeRequest>().Select(t => new AnchoredTime(t.Anchor!, t.OffsetMinutes, ClockTimes.Parse(t.Time))).ToList(),
            rule.Kind == RuleKinds.At ? rule.WindowMinutes ?? 30 : null,
            rule.Windows?.OfType<ClockWindowRequest>().Select(w => new ClockWindow(ClockTimes.Parse(w.From)!.Value, ClockTimes.Parse(w.To)!.Value)).ToList(),
            rule.MinMinutes,
            meetings ? rule.MinutesBefore ?? 30 : null,
            meetings ? rule.MinutesAfter ?? 30 : null,
            rule.BringForwardAfterVisitors);
    }
}
