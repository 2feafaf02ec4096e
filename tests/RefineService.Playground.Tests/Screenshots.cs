namespace RefineService.Playground.Tests;

/// <summary>
/// Where the browser tests keep their screenshots: <c>REFINESERVICE_TEST_RESULTS</c>/playground when set (<c>.ci/run</c>
/// sets it to its results directory), else <c>TestResults/playground</c> beside the test assembly.
/// </summary>
public static class Screenshots
{
    public const string ResultsVariable = "REFINESERVICE_TEST_RESULTS";

    public static string PathFor(string name)
    {
        var results = Environment.GetEnvironmentVariable(ResultsVariable);
        var folder = Path.Combine(string.IsNullOrEmpty(results) ? Path.Combine(AppContext.BaseDirectory, "TestResults") : results, "playground");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
