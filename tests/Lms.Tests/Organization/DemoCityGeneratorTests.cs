using System.Security.Cryptography;
using System.Text;
using Lms.Modules.Organization.Recipes.DemoCity;

namespace Lms.Tests.Organization;

public sealed class DemoCityGeneratorTests
{
    /// <summary>
    /// Everything the default seed gave before years of birth and demo-facilitator were added: names, numbers, units,
    /// titles and the other demo accounts. Tests and the demo learning history depend on who is who.
    /// </summary>
    private const string PeopleBeforeBirthYears = "8F59A321ECC56920A4F4EF1A5C4E357CC8F288BB70580262CCD572341DA06CEF";

    private static string Fingerprint(IEnumerable<DemoPerson> people)
    {
        var text = string.Join("\n", people.Select(p => string.Join("|", p.EmployeeNumber, p.FamilyName, p.GivenName, p.FamilyNameKana, p.GivenNameKana,
            p.Email, p.UnitPath, p.Tier, p.JobTitle, string.Join(";", p.ManagedUnitPaths), p.UserName == "demo-facilitator" ? null : p.UserName)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Years_of_birth_leave_everything_else_the_seed_gives_as_it_was()
    {
        Assert.Equal(PeopleBeforeBirthYears, Fingerprint(DemoCityGenerator.Generate().People));
    }

    [Theory]
    [InlineData(DemoCityGenerator.DefaultSeed, 500)]
    [InlineData(7, 120)]
    [InlineData(42, 2000)]
    public void Everyone_has_a_year_of_birth_that_fits_their_title(int seed, int staff)
    {
        var people = DemoCityGenerator.Generate(seed, staff).People;

        Assert.All(people, p =>
        {
            var age = 2026 - p.BirthYear;
            var (youngest, oldest) = p.JobTitle switch
            {
                "部長" or "事務局長" => (52, 60),
                "課長" or "所長" or "センター長" => (45, 58),
                "係長" => (35, 55),
                "主任" => (30, 50),
                "主事" => (22, 45),
                _ => (22, 60),
            };
            Assert.True(age >= youngest && age <= oldest, $"{p.JobTitle} {p.EmployeeNumber} born {p.BirthYear}");
        });
        Assert.True(people.Select(p => p.BirthYear).Distinct().Count() >= 20, "ages are spread, not one per title");
        Assert.Equal(people.Select(p => p.BirthYear), DemoCityGenerator.Generate(seed, staff).People.Select(p => p.BirthYear));
    }

    [Theory]
    [InlineData(DemoCityGenerator.DefaultSeed, 500)]
    [InlineData(DemoCityGenerator.DefaultSeed, 120)]
    [InlineData(7, 100)]
    public void Demo_facilitator_is_general_staff_of_the_HR_training_team_and_outside_demo_managers_section(int seed, int staff)
    {
        var people = DemoCityGenerator.Generate(seed, staff).People;

        var facilitator = Assert.Single(people, p => p.UserName == DemoCityGenerator.FacilitatorUserName);
        Assert.Equal(DemoCityGenerator.GeneralTier, facilitator.Tier);
        Assert.Empty(facilitator.ManagedUnitPaths);
        Assert.False(facilitator.UnitPath.StartsWith(DemoCityGenerator.DemoManagerSectionPath, StringComparison.Ordinal));
        Assert.Equal(5, people.Count(p => p.UserName is not null));
    }

    [Fact]
    public void In_the_default_city_demo_facilitator_is_a_主任_of_the_HR_training_team()
    {
        var facilitator = DemoCityGenerator.Generate().People.Single(p => p.UserName == DemoCityGenerator.FacilitatorUserName);

        Assert.Equal(("総務部/人事課/人事研修係", "主任"), (facilitator.UnitPath, facilitator.JobTitle));
    }
}
