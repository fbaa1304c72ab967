using System.Text.Json.Nodes;

namespace CivicHall.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI documents integrators generate clients from (issue 15), as the gateway serves them, pass
/// the linters they use, and so does the gateway's merged document: <c>scripts/lint-openapi</c> runs Redocly's recommended rules and Spectral with
/// the OWASP ruleset and fails on any error. The documents are kept in <c>.run/openapi/</c>.
/// </summary>
[Collection(ContractRunsAlone.Name)]
public sealed class OpenApiLintTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    public static readonly string[] Services = ["booking", "screening", "occupancy", "sanitation", "incident"];

    /// <summary>A guard against a hang: the first run installs the linters (npm ci), later ones take seconds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_documents_the_gateway_serves_pass_Redocly_recommended_and_the_OWASP_ruleset()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, ".run", "openapi");
        Directory.CreateDirectory(folder);
        using var anonymous = fixture.System.Client(CivicHallSystem.Gateway);
        foreach (var service in Services)
        {
            var document = await anonymous.GetStringAsync($"/openapi/{service}.json", Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{service}.json"), document, Ct);
        }

        // The gateway's merged document, linted with them.
        await File.WriteAllTextAsync(Path.Combine(folder, "civichall.json"), await anonymous.GetStringAsync("/openapi/civichall.json", Ct), Ct);

        var (status, output) = await RunAsync(Path.Combine(root, "scripts", "lint-openapi"), folder);
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(status == 0, $"scripts/lint-openapi {folder} exited {status}:\n{output}");
    }

    /// <summary>
    /// Every request example the documents give is a body the service accepts as valid: sent as it is (ids in the
    /// path from the examples' own hall, zone and staff member), with a token holding every role, none is answered
    /// 400 (unknown halls and the like may be 404 or 409: the examples name things a fresh system does not hold).
    /// </summary>
    [Fact]
    public async Task Every_request_example_in_the_documents_passes_the_services_validation()
    {
        using var anonymous = fixture.System.Client(CivicHallSystem.Gateway);
        var token = DevelopmentTokens.Create(Roles.All, "example-staff", TimeProvider.System);
        var sent = 0;
        var failures = new List<string>();
        var answers = new List<string>();
        foreach (var service in Services)
        {
            var document = JsonNode.Parse(await anonymous.GetStringAsync($"/openapi/{service}.json", Ct))!;
            foreach (var (template, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    if (operation?["requestBody"]?["content"]?["application/json"]?["example"] is not { } example)
                    {
                        continue;
                    }

                    var path = template.Replace("{hallId}", "qingpu", StringComparison.Ordinal).Replace("{zoneId}", "floor-1", StringComparison.Ordinal)
                        .Replace("{itemId}", "pension", StringComparison.Ordinal).Replace("{agentId}", "example-staff", StringComparison.Ordinal)
                        .Replace("{staffId}", "example-staff", StringComparison.Ordinal).Replace("{bookingId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                        .Replace("{meetingId}", "example-meeting", StringComparison.Ordinal).Replace("{bagId}", "example-bag", StringComparison.Ordinal)
                        .Replace("{incidentId}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path)
                    {
                        Content = new StringContent(example.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    using var response = await anonymous.SendAsync(request, Ct);
                    sent++;
                    answers.Add($"{method.ToUpperInvariant()} {template} → {(int)response.StatusCode}");
                    if ((int)response.StatusCode is 400 or >= 500)
                    {
                        failures.Add($"{method.ToUpperInvariant()} {template}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', answers));
        Assert.True(sent >= 18, $"Only {sent} request examples were found in the documents.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The checkout this test assembly was built from (the folder holding CivicHall.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CivicHall.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CivicHall.slnx above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int Status, string Output)> RunAsync(string script, string argument)
    {
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("bash", [script, argument])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}

/// <summary>The contract tests run on their own: the linters take both cores for a while.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContractRunsAlone
{
    public const string Name = "Contract";
}
