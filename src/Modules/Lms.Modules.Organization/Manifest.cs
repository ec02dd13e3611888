using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Organization",
    Name = "Organization",
    Description = "Staff, org units (部・課・係), tiers, who manages which unit; accounts, sign-in and roles.",
    Category = "People")]
