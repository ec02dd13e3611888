using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Courses",
    Name = "Courses",
    Description = "Course definitions (sections, lessons, quizzes, reflections, surveys, workshops), drafts and published versions.",
    Category = "Learning")]
