using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Templates",
    Name = "Templates",
    Description = "Admin-editable Liquid templates for e-mails and the certificate layout, with a preview against sample data.",
    Category = "Content")]
