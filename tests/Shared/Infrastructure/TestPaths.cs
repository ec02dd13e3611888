namespace Lms.Tests.Infrastructure;

/// <summary>Where the tests find the repository's own files (samples, resources, sources).</summary>
public static class TestPaths
{
    /// <summary>The folder holding Lms.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lms.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Lms.sln not found above " + AppContext.BaseDirectory);
    }
}
