using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Gamification",
    Name = "Gamification",
    Description = "Badges for completed workshops and courses, a points ledger with levels and a daily cap, weekly streaks with a grace, opt-in team leaderboards and department challenges, and Open Badges export.",
    Category = "Learning")]
