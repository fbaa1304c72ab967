using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// A problem whose <c>detail</c> is written in both languages; <see cref="ProblemDetailsSetup"/> sets
/// <see cref="ProblemDetails.Detail"/> to the caller's on the way out.
/// </summary>
public sealed class LocalizedProblemDetails : ProblemDetails
{
    [JsonIgnore]
    public Bilingual? LocalizedDetail { get; init; }
}
