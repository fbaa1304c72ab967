using System.Text.RegularExpressions;

namespace CivicHall.IntegrationTests.Browser;

/// <summary>
/// Chromium from Debian's packages (<c>/usr/bin/chromium</c>), installed with apt-get when missing (as
/// scripts/infra does), driven headless: load a page, let its scripts run, read the DOM.
/// </summary>
public static partial class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static string? _unavailable;

    /// <summary>Null when Chromium can run; otherwise why not (the test is then skipped with it).</summary>
    public static async Task<string?> EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(ExecutablePath) || _unavailable is not null)
            {
                return File.Exists(ExecutablePath) ? null : _unavailable;
            }

            var (code, output) = await RunAsync("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], TimeSpan.FromMinutes(10));
            _unavailable = File.Exists(ExecutablePath) ? null : $"chromium could not be installed (apt-get install -y chromium exited {code}): {output[..Math.Min(output.Length, 500)]}";
            return _unavailable;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>The DOM of <paramref name="url"/> once its scripts ran (virtual time waits for their fetches).</summary>
    public static async Task<string> DumpDomAsync(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var profile = Directory.CreateTempSubdirectory("civichall-chromium-");
        try
        {
            var (code, output) = await RunAsync(ExecutablePath, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=15000", "--dump-dom", url.ToString(),
            ], TimeSpan.FromSeconds(90));
            return code == 0 ? output : throw new InvalidOperationException($"chromium exited {code}: {output}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>The text of the element <c>id="outcome"</c> that the harness's pages write into.</summary>
    public static string Outcome(string dom)
    {
        var match = OutcomeElement().Match(dom);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : $"no outcome element in: {dom}";
    }

    [GeneratedRegex("<pre id=\"outcome\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex OutcomeElement();

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }

        var output = await stdout;
        return (process.ExitCode, process.ExitCode == 0 ? output : output + await stderr);
    }
}
