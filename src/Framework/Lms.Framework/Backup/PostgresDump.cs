using System.Diagnostics;
using Npgsql;

namespace Lms.Framework.Backup;

/// <summary>Runs PostgreSQL's own <c>pg_dump</c> for the configured database, when it is on the PATH.</summary>
internal static class PostgresDump
{
    /// <summary>The pg_dump on the PATH, or null.</summary>
    public static string? Locate()
    {
        var name = OperatingSystem.IsWindows() ? "pg_dump.exe" : "pg_dump";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The command an operator runs by hand for this connection string (the password is never printed).</summary>
    public static string CommandFor(string connectionString, string file)
    {
        var arguments = Arguments(new NpgsqlConnectionStringBuilder(connectionString), file, prompt: true).Select(Quote);
        return "pg_dump " + string.Join(' ', arguments);
    }

    public static async Task DumpAsync(string connectionString, string file, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var pgDump = Locate() ?? throw new BackupException(
            "PostgreSQL is backed up with pg_dump, which is not on the PATH. Install the PostgreSQL client (Debian: apt-get install postgresql-client) "
            + "and run this command again, or run pg_dump yourself and copy the data directory's folders (see the README, \"Backups\"):"
            + Environment.NewLine + "  " + CommandFor(connectionString, "lms.pgdump"));

        var start = new ProcessStartInfo(pgDump) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in Arguments(builder, file, prompt: false))
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }

        using var process = Process.Start(start) ?? throw new BackupException($"{pgDump} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
        {
            throw new BackupException($"pg_dump failed (exit code {process.ExitCode}): {(await error).Trim()}");
        }
    }

    private static IEnumerable<string> Arguments(NpgsqlConnectionStringBuilder builder, string file, bool prompt)
    {
        yield return "--format=custom";
        if (!string.IsNullOrEmpty(builder.Host))
        {
            yield return "--host=" + builder.Host;
        }

        yield return "--port=" + builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(builder.Username))
        {
            yield return "--username=" + builder.Username;
        }

        if (!prompt)
        {
            // The password, if any, comes from the connection string through PGPASSWORD; never wait for a prompt.
            yield return "--no-password";
        }

        if (!string.IsNullOrEmpty(builder.Database))
        {
            yield return "--dbname=" + builder.Database;
        }

        yield return "--file=" + file;
    }

    private static string Quote(string argument) =>
        argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '&' or ';') ? "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : argument;
}
