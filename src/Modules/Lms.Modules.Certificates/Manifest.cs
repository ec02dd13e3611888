using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Certificates",
    Name = "Certificates",
    Description = "PDF certificates (修了証) issued by a background job when a course or a whole programme is completed, with a public verification page, revocation and reissue, and ZIP downloads for managers and admins.",
    Category = "Learning")]
