namespace RefineService.Api.Tests.Fixtures;

/// <summary>Finds the checked-in snapshot files, in the source tree rather than the build output, so that they can be rewritten.</summary>
public static class Snapshots
{
    public static string PathOf(string name) => Path.Combine(RepositoryRoot(), "tests", "RefineService.Api.Tests", "Snapshots", name);

    /// <summary>The folder holding <c>RefineService.sln</c>, above the test's output directory.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RefineService.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (RefineService.sln) is not above the test's output directory.");
    }
}
