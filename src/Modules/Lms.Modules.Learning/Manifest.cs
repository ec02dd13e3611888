using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Learning",
    Name = "Learning",
    Description = "Course assignments and enrolments, the learner's journey, quiz attempts, reflections, surveys and completion.",
    Category = "Learning")]
