using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Workshops",
    Name = "Workshops",
    Description = "Facilitated service-design sessions: scheduling, registration with a waiting list, check-in and attendance, teams and their design artefacts, and the facilitator's sign-off.",
    Category = "Learning")]
