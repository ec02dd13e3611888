using System.Diagnostics;

namespace Lms.Tests.Infrastructure;

/// <summary>The host binary (or another program: pg_restore) in a process of its own, as an operator runs it.</summary>
internal static class HostProcess
{
    /// <summary><c>dotnet Lms.Host.dll args</c> in the Production environment, from the test output folder.</summary>
    public static ProcessStartInfo Host(IEnumerable<string> args)
    {
        var start = Program("dotnet", [Path.Combine(AppContext.BaseDirectory, "Lms.Host.dll"), .. args]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    public static ProcessStartInfo Program(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs the process to its end and returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A first start installs the demo city (its history, badges, certificates and reports): half a minute on an idle
        // machine, several under CI's parallel test classes. The tests check what a command does, not how fast.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
