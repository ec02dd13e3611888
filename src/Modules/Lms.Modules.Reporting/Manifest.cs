using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Reporting",
    Name = "Reporting",
    Description = "Team progress for managers (status per person and course, nudges, CSV for Excel), organisation-wide completion reports and the Step-0 readiness index, from read models the other modules' events keep current and a job can rebuild.",
    Category = "Learning")]
