namespace CivicHall.Screening.Staff;

/// <summary>Symptoms declared for a day (the hall's local date); an empty list declares none.</summary>
public sealed record SymptomDeclaration(DateOnly On, IReadOnlyList<string> Symptoms);
