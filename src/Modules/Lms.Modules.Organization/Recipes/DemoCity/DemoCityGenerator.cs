using System.Globalization;
using Bogus;

namespace Lms.Modules.Organization.Recipes.DemoCity;

/// <summary>Level of an organisational unit: 部 (also 事務局), 課 (also センター), 係.</summary>
internal enum DemoUnitKind
{
    Department,
    Section,
    Team,
}

/// <summary>
/// One unit of the demo org chart. <paramref name="Path"/> is the unit names joined by '/',
/// e.g. "総務部/総務課/庶務係"; <paramref name="SortOrder"/> is 1-based within the parent.
/// </summary>
internal sealed record DemoUnit(string Path, string Name, string? ParentPath, DemoUnitKind Kind, int SortOrder);

/// <summary>One demo employee. <paramref name="Tier"/> is "executive", "manager" or "general"; <paramref name="BirthYear"/> fits the job title and hire year.</summary>
internal sealed record DemoPerson(
    string EmployeeNumber,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string Email,
    string UnitPath,
    string Tier,
    string JobTitle,
    IReadOnlyList<string> ManagedUnitPaths,
    string? UserName,
    int BirthYear);

/// <summary>The generated org chart (units in chart order) and its people (by unit, then seniority).</summary>
internal sealed record DemoCityData(IReadOnlyList<DemoUnit> Units, IReadOnlyList<DemoPerson> People);

/// <summary>
/// Builds a deterministic demo city hall: a fixed org chart from <see cref="DemoCityNames"/> and
/// <c>staffCount</c> people whose placement, titles, names and numbers are drawn from a Bogus
/// <see cref="Randomizer"/> seeded with <c>seed</c>, so the same arguments give the same data everywhere. Years of birth
/// come from a second randomizer derived from the seed, so adding them changed nothing else the seed gives.
/// </summary>
internal static class DemoCityGenerator
{
    public const int DefaultSeed = 20260401;
    public const int MinStaffCount = 100;
    public const int MaxStaffCount = 5000;

    public const string ExecutiveTier = "executive";
    public const string ManagerTier = "manager";
    public const string GeneralTier = "general";

    public const string AdminUserName = "demo-admin";
    public const string ManagerUserName = "demo-manager";
    public const string StaffUserName = "demo-staff";
    /// <summary>A course author (Author role: writes courses, asks an admin to publish them) in the HR training team.</summary>
    public const string AuthorUserName = "demo-author";
    /// <summary>Runs workshop sessions (Facilitator role: attendance, teams, sign-off); a 主任 of the HR training team.</summary>
    public const string FacilitatorUserName = "demo-facilitator";

    public const string EmailDomain = "demo-city.example.jp";

    /// <summary>The section whose 課長 is demo-manager; demo-staff works in one of its teams.</summary>
    public const string DemoManagerSectionPath = "企画部/デジタル推進課";

    /// <summary>The section where demo-admin works.</summary>
    public const string DemoAdminSectionPath = "総務部/情報システム課";

    private const char PathSeparator = '/';
    private const int FiscalYear = 2026;
    private const string TrainingTeamSuffix = "/人事研修係";
    private const int BirthYearSeedSalt = 0x5EED_B1E7;

    // Job titles the generator assigns itself (the rest come from DemoCityNames).
    private const string DeputyTitle = "次長";
    private const string AssistantChiefTitle = "課長補佐";
    private const string TeamLeaderTitle = "係長";
    private const string SeniorTitle = "主査";
    private const string ChiefStaffTitle = "主任";
    private const string ClerkTitle = "主事";

    // Seniority ranks, most senior first; used for tiers, ordering, hire years and ages.
    private const int HeadRank = 0;
    private const int DeputyRank = 1;
    private const int ChiefRank = 2;
    private const int AssistantChiefRank = 3;
    private const int TeamLeaderRank = 4;
    private const int SeniorRank = 5;
    private const int ChiefStaffRank = 6;
    private const int JuniorRank = 7;

    /// <summary>Hire year range (inclusive) for each rank, as of fiscal 2026.</summary>
    private static readonly (int From, int To)[] HireYears =
    [
        (1987, 1993), // 部長
        (1989, 1996), // 次長
        (1990, 2003), // 課長
        (1993, 2006), // 課長補佐
        (1996, 2011), // 係長
        (2000, 2015), // 主査
        (2008, 2019), // 主任
        (2014, FiscalYear), // 主事, 技師, 保健師 ...
    ];

    /// <summary>Age range (inclusive) for each rank in fiscal 2026.</summary>
    private static readonly (int From, int To)[] Ages =
    [
        (52, 60), // 部長
        (50, 59), // 次長
        (45, 58), // 課長
        (42, 57), // 課長補佐
        (35, 55), // 係長
        (32, 55), // 主査
        (30, 50), // 主任
        (22, 45), // 主事, 技師, 保健師 ...
    ];

    /// <summary>Ages at hiring: from high school to a mid-career hire.</summary>
    private const int YoungestHiringAge = 18;
    private const int OldestHiringAge = 40;

    public static DemoCityData Generate(int seed = DefaultSeed, int staffCount = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(staffCount, MinStaffCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(staffCount, MaxStaffCount);

        var random = new Randomizer(seed);
        var chart = BuildChart();

        var deputyDepartments = chart.Departments
            .Where(d => d.Spec.HasDeputy)
            .Take(Math.Max(0, (staffCount - MinStaffCount) / 60))
            .ToHashSet();
        var generalCount = staffCount - chart.Departments.Count - deputyDepartments.Count - chart.Sections.Count;
        var sectionSizes = AllocateGeneralStaff(chart.Sections, generalCount, random);

        var drafts = new List<PersonDraft>(staffCount);
        foreach (var department in chart.Departments)
        {
            drafts.Add(new PersonDraft(department.Path, department.Spec.HeadTitle, [department.Path]));
            if (deputyDepartments.Contains(department))
            {
                drafts.Add(new PersonDraft(department.Path, DeputyTitle, []));
            }
        }

        for (var i = 0; i < chart.Sections.Count; i++)
        {
            AddSectionStaff(drafts, chart.Sections[i], sectionSizes[i], random);
        }

        AssignDemoAccounts(drafts, random);
        AssignNames(drafts, random);
        AssignEmployeeNumbers(drafts, random);
        AssignBirthYears(drafts, new Randomizer(seed ^ BirthYearSeedSalt));

        var people = drafts
            .OrderBy(d => chart.UnitIndex[d.UnitPath])
            .ThenBy(d => d.Rank)
            .ThenBy(d => d.HireYear)
            .ThenBy(d => d.Serial)
            .Select(d => d.ToPerson())
            .ToList();

        return new DemoCityData(chart.Units.AsReadOnly(), people.AsReadOnly());
    }

    private static Chart BuildChart()
    {
        var units = new List<DemoUnit>();
        var departments = new List<DepartmentSlot>();
        var sections = new List<SectionSlot>();

        var departmentOrder = 0;
        foreach (var departmentSpec in DemoCityNames.Departments)
        {
            var departmentPath = departmentSpec.Name;
            units.Add(new DemoUnit(departmentPath, departmentSpec.Name, null, DemoUnitKind.Department, ++departmentOrder));
            departments.Add(new DepartmentSlot(departmentSpec, departmentPath));

            var sectionOrder = 0;
            foreach (var sectionSpec in departmentSpec.Sections)
            {
                var sectionPath = JoinPath(departmentPath, sectionSpec.Name);
                units.Add(new DemoUnit(sectionPath, sectionSpec.Name, departmentPath, DemoUnitKind.Section, ++sectionOrder));

                var teamPaths = new List<string>(sectionSpec.Teams.Count);
                var teamOrder = 0;
                foreach (var teamSpec in sectionSpec.Teams)
                {
                    var teamPath = JoinPath(sectionPath, teamSpec.Name);
                    units.Add(new DemoUnit(teamPath, teamSpec.Name, sectionPath, DemoUnitKind.Team, ++teamOrder));
                    teamPaths.Add(teamPath);
                }

                sections.Add(new SectionSlot(sectionSpec, sectionPath, teamPaths));
            }
        }

        var unitIndex = new Dictionary<string, int>(units.Count, StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            unitIndex.Add(units[i].Path, i);
        }

        if (!unitIndex.ContainsKey(DemoManagerSectionPath) || !unitIndex.ContainsKey(DemoAdminSectionPath))
        {
            throw new InvalidOperationException("The demo org chart lacks a section the demo accounts need.");
        }

        return new Chart(units, departments, sections, unitIndex);
    }

    /// <summary>
    /// Splits the general staff over the sections in proportion to their (slightly jittered)
    /// weights, honouring each section's minimum; remainders go to the largest fractions.
    /// </summary>
    private static int[] AllocateGeneralStaff(IReadOnlyList<SectionSlot> sections, int total, Randomizer random)
    {
        var minimum = sections.Sum(s => s.Spec.MinStaff);
        if (minimum > total)
        {
            throw new InvalidOperationException("The demo org chart needs more general staff than requested.");
        }

        var weights = sections.Select(s => (long)s.Spec.Weight * random.Number(85, 115)).ToArray();
        var weightSum = weights.Sum();
        var sizes = new int[sections.Count];
        var fractions = new long[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            var exact = total * weights[i];
            sizes[i] = Math.Max(sections[i].Spec.MinStaff, (int)(exact / weightSum));
            fractions[i] = exact % weightSum;
        }

        var byFraction = Enumerable.Range(0, sections.Count)
            .OrderByDescending(i => fractions[i])
            .ThenBy(i => i)
            .ToArray();
        var missing = total - sizes.Sum();
        for (var k = 0; missing > 0; k = (k + 1) % byFraction.Length)
        {
            sizes[byFraction[k]]++;
            missing--;
        }

        while (missing < 0)
        {
            // Take back from the section with the most room above its minimum.
            var donor = Enumerable.Range(0, sections.Count)
                .OrderByDescending(i => sizes[i] - sections[i].Spec.MinStaff)
                .ThenBy(i => fractions[i])
                .First();
            sizes[donor]--;
            missing++;
        }

        return sizes;
    }

    /// <summary>Adds the section chief, a 課長補佐 for larger sections, and the teams' members.</summary>
    private static void AddSectionStaff(List<PersonDraft> drafts, SectionSlot section, int generalCount, Randomizer random)
    {
        drafts.Add(new PersonDraft(section.Path, section.Spec.ChiefTitle, [section.Path]));

        var assistants = generalCount >= 60 ? 2 : generalCount >= 10 ? 1 : 0;
        for (var i = 0; i < assistants; i++)
        {
            drafts.Add(new PersonDraft(section.Path, AssistantChiefTitle, []));
        }

        var remaining = generalCount - assistants;
        if (section.TeamPaths.Count == 0)
        {
            AddGroup(drafts, section.Path, remaining, section.Spec.JuniorTitles, random);
            return;
        }

        var teamSizes = SplitAcrossTeams(remaining, section.TeamPaths.Count, random);
        for (var t = 0; t < section.TeamPaths.Count; t++)
        {
            AddGroup(drafts, section.TeamPaths[t], teamSizes[t], section.Spec.Teams[t].JuniorTitles, random);
        }
    }

    /// <summary>Gives every team one person while there are enough, then spreads the rest by random weights.</summary>
    private static int[] SplitAcrossTeams(int count, int teamCount, Randomizer random)
    {
        var sizes = new int[teamCount];
        var weights = new int[teamCount];
        for (var t = 0; t < teamCount; t++)
        {
            weights[t] = random.Number(2, 4);
        }

        var weightSum = weights.Sum();
        for (var n = 0; n < count; n++)
        {
            if (n < teamCount)
            {
                sizes[n]++;
                continue;
            }

            var pick = random.Number(1, weightSum);
            var team = 0;
            while (pick > weights[team])
            {
                pick -= weights[team];
                team++;
            }

            sizes[team]++;
        }

        return sizes;
    }

    /// <summary>Adds one working group: a 係長 first, then a mix of 主査, 主任 and junior staff.</summary>
    private static void AddGroup(List<PersonDraft> drafts, string unitPath, int size, IReadOnlyList<string> juniorTitles, Randomizer random)
    {
        for (var i = 0; i < size; i++)
        {
            string title;
            if (i == 0)
            {
                title = TeamLeaderTitle;
            }
            else
            {
                var roll = random.Number(1, 100);
                title = roll <= 18 ? SeniorTitle
                    : roll <= 42 ? ChiefStaffTitle
                    : juniorTitles[random.Number(0, juniorTitles.Count - 1)];
            }

            drafts.Add(new PersonDraft(unitPath, title, []));
        }
    }

    private static void AssignDemoAccounts(List<PersonDraft> drafts, Randomizer random)
    {
        var manager = drafts.Single(d => d.Rank == ChiefRank && d.UnitPath == DemoManagerSectionPath);
        manager.UserName = ManagerUserName;

        // demo-staff: a 主事 in one of demo-manager's teams.
        var teamPrefix = DemoManagerSectionPath + PathSeparator;
        var inTeams = drafts.Where(d => d.UnitPath.StartsWith(teamPrefix, StringComparison.Ordinal)).ToList();
        var staff = PickOrRetitle(inTeams, ClerkTitle, random);
        staff.UserName = StaffUserName;

        // demo-admin: a 主査 anywhere in the information systems section.
        var adminPrefix = DemoAdminSectionPath + PathSeparator;
        var inAdminSection = drafts
            .Where(d => d.Rank > ChiefRank
                && (d.UnitPath == DemoAdminSectionPath || d.UnitPath.StartsWith(adminPrefix, StringComparison.Ordinal)))
            .ToList();
        var admin = PickOrRetitle(inAdminSection, SeniorTitle, random);
        admin.UserName = AdminUserName;

        // demo-author: the first non-manager of the HR training team (no random draw, so the rest of the city stays as it was).
        var author = drafts.FirstOrDefault(d => d.UserName is null && d.Rank > ChiefRank && d.UnitPath.EndsWith(TrainingTeamSuffix, StringComparison.Ordinal))
            ?? drafts.First(d => d.UserName is null && d.Rank > ChiefRank && (d.UnitPath == DemoAdminSectionPath || d.UnitPath.StartsWith(adminPrefix, StringComparison.Ordinal)));
        author.UserName = AuthorUserName;

        // demo-facilitator: a 主任 of the HR training team, who runs its workshops; else its next non-manager (no random draw either).
        var trainingTeam = drafts.Where(d => d.UserName is null && d.Rank > ChiefRank && d.UnitPath.EndsWith(TrainingTeamSuffix, StringComparison.Ordinal)).ToList();
        var facilitator = trainingTeam.FirstOrDefault(d => d.JobTitle == ChiefStaffTitle) ?? trainingTeam.FirstOrDefault()
            ?? drafts.First(d => d.UserName is null && d.Rank > ChiefRank && (d.UnitPath == DemoAdminSectionPath || d.UnitPath.StartsWith(adminPrefix, StringComparison.Ordinal)));
        facilitator.UserName = FacilitatorUserName;
    }

    /// <summary>
    /// Picks a random person already holding <paramref name="title"/>; if there is none, gives the
    /// title to the last person below 係長 (allocation minimums guarantee one exists).
    /// </summary>
    private static PersonDraft PickOrRetitle(List<PersonDraft> candidates, string title, Randomizer random)
    {
        var holders = candidates.Where(d => d.JobTitle == title).ToList();
        if (holders.Count > 0)
        {
            return holders[random.Number(0, holders.Count - 1)];
        }

        var person = candidates.Last(d => d.Rank > TeamLeaderRank);
        person.JobTitle = title;
        return person;
    }

    /// <summary>Draws a distinct family+given pair for everyone and derives the e-mail address.</summary>
    private static void AssignNames(List<PersonDraft> drafts, Randomizer random)
    {
        var families = DemoCityNames.FamilyNames;
        var givens = DemoCityNames.GivenNames;
        var usedPairs = new HashSet<int>();
        var usedEmails = new HashSet<string>(StringComparer.Ordinal);

        foreach (var draft in drafts)
        {
            int family, given;
            do
            {
                family = random.Number(0, families.Count - 1);
                given = random.Number(0, givens.Count - 1);
            }
            while (!usedPairs.Add((family * givens.Count) + given));

            var (familyKanji, familyKana, familyRomaji) = families[family];
            var (givenKanji, givenKana, givenRomaji) = givens[given];
            draft.FamilyName = familyKanji;
            draft.FamilyNameKana = familyKana;
            draft.GivenName = givenKanji;
            draft.GivenNameKana = givenKana;

            var localPart = givenRomaji + "." + familyRomaji;
            var email = localPart + "@" + EmailDomain;
            for (var suffix = 2; !usedEmails.Add(email); suffix++)
            {
                email = localPart + suffix.ToString(CultureInfo.InvariantCulture) + "@" + EmailDomain;
            }

            draft.Email = email;
        }
    }

    /// <summary>
    /// Employee number = two-digit hire year + four-digit serial within that year. Serials are
    /// handed out in a shuffled order so they do not follow the org chart.
    /// </summary>
    private static void AssignEmployeeNumbers(List<PersonDraft> drafts, Randomizer random)
    {
        foreach (var draft in drafts)
        {
            var (from, to) = HireYears[draft.Rank];
            draft.HireYear = random.Number(from, to);
        }

        var order = Enumerable.Range(0, drafts.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Number(0, i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var lastSerial = new Dictionary<int, int>();
        foreach (var index in order)
        {
            var draft = drafts[index];
            var serial = lastSerial.GetValueOrDefault(draft.HireYear) + 1;
            lastSerial[draft.HireYear] = serial;
            draft.Serial = serial;
            draft.EmployeeNumber = string.Create(
                CultureInfo.InvariantCulture, $"{draft.HireYear % 100:00}{serial:0000}");
        }
    }

    /// <summary>
    /// A year of birth within the age range of the person's rank that also fits their hire year (hired at 18 to 40).
    /// Drawn in the order the drafts were made, from a randomizer of its own.
    /// </summary>
    private static void AssignBirthYears(List<PersonDraft> drafts, Randomizer random)
    {
        foreach (var draft in drafts)
        {
            var (youngest, oldest) = Ages[draft.Rank];
            var service = FiscalYear - draft.HireYear;
            var from = Math.Max(youngest, service + YoungestHiringAge);
            var to = Math.Min(oldest, service + OldestHiringAge);
            var age = from <= to ? random.Number(from, to) : random.Number(youngest, oldest);
            draft.BirthYear = FiscalYear - age;
        }
    }

    private static string JoinPath(string parent, string name) => parent + PathSeparator + name;

    private static int RankOf(string title) => title switch
    {
        "部長" or "事務局長" => HeadRank,
        DeputyTitle => DeputyRank,
        "課長" or "所長" or "センター長" => ChiefRank,
        AssistantChiefTitle => AssistantChiefRank,
        TeamLeaderTitle => TeamLeaderRank,
        SeniorTitle or "指導主事" => SeniorRank,
        ChiefStaffTitle => ChiefStaffRank,
        _ => JuniorRank,
    };

    private sealed record DepartmentSlot(DemoDepartmentSpec Spec, string Path);

    private sealed record SectionSlot(DemoSectionSpec Spec, string Path, IReadOnlyList<string> TeamPaths);

    private sealed record Chart(
        List<DemoUnit> Units,
        IReadOnlyList<DepartmentSlot> Departments,
        IReadOnlyList<SectionSlot> Sections,
        Dictionary<string, int> UnitIndex);

    /// <summary>A person while being generated; titles may still change for the demo accounts.</summary>
    private sealed class PersonDraft(string unitPath, string jobTitle, IReadOnlyList<string> managedUnitPaths)
    {
        public string UnitPath { get; } = unitPath;

        public string JobTitle { get; set; } = jobTitle;

        public IReadOnlyList<string> ManagedUnitPaths { get; } = managedUnitPaths;

        public int Rank => RankOf(JobTitle);

        public string Tier => Rank switch
        {
            <= DeputyRank => ExecutiveTier,
            ChiefRank => ManagerTier,
            _ => GeneralTier,
        };

        public string? UserName { get; set; }

        public string FamilyName { get; set; } = "";

        public string GivenName { get; set; } = "";

        public string FamilyNameKana { get; set; } = "";

        public string GivenNameKana { get; set; } = "";

        public string Email { get; set; } = "";

        public int HireYear { get; set; }

        public int Serial { get; set; }

        public string EmployeeNumber { get; set; } = "";

        public int BirthYear { get; set; }

        public DemoPerson ToPerson() => new(
            EmployeeNumber,
            FamilyName,
            GivenName,
            FamilyNameKana,
            GivenNameKana,
            Email,
            UnitPath,
            Tier,
            JobTitle,
            ManagedUnitPaths,
            UserName,
            BirthYear);
    }
}
