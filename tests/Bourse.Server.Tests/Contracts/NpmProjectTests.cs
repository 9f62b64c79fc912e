using Bourse.Testing;
using Bourse.Testing.Node;

namespace Bourse.Server.Tests.Contracts;

/// <summary>
/// The shared npm runner (<see cref="NpmProject"/>) on a project without dependencies (<c>Contracts/Fixtures/echo</c>):
/// install once with a stamp, arguments, environment, exit code, both output streams, and a script killed at its timeout.
/// </summary>
public sealed class NpmProjectTests
{
    private static readonly string FixtureFolder = Path.Combine("tests", "Bourse.Server.Tests", "Contracts", "Fixtures", "echo");

    [Fact]
    public async Task A_script_gets_its_arguments_and_environment_and_returns_its_exit_code_and_both_streams()
    {
        var project = NpmProject.At(FixtureFolder);

        var result = await project.RunAsync(
            "echo.mjs", ["first argument", "--second"], new Dictionary<string, string> { ["BOURSE_ECHO"] = "from the test", ["BOURSE_EXIT"] = "3" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["first argument", "--second", "from the test"], result.StandardOutput.TrimEnd().Split('\n'));
        Assert.Equal("to stderr", result.StandardError.Trim());
    }

    [Fact]
    public async Task The_install_leaves_a_stamp_of_the_lockfile_it_installed()
    {
        var project = NpmProject.At(FixtureFolder);

        await project.InstallAsync();

        var stamp = await File.ReadAllTextAsync(Path.Combine(project.Folder, "node_modules", ".bourse-npm-ci"));
        Assert.Matches("^[0-9A-F]{64}$", stamp);
    }

    [Fact]
    public async Task A_script_running_past_its_timeout_is_killed_and_reported()
    {
        var project = NpmProject.At(FixtureFolder);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => project.RunAsync("echo.mjs", ["hang"], timeout: TimeSpan.FromSeconds(2)));

        Assert.Contains("echo.mjs hang", error.Message);
        Assert.Contains("was killed", error.Message);
        Assert.Contains("--- stderr ---", error.Message);
    }

    [Fact]
    public void A_folder_without_a_lockfile_is_refused_naming_the_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NpmProject.At(Path.Combine("tests", "Bourse.Server.Tests")));

        Assert.Contains("package.json", error.Message);
        Assert.StartsWith(RepositoryPaths.RepositoryRoot, error.FileName);
    }
}
