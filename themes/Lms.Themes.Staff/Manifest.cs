using Lms.Framework.Modules;

[assembly: Theme(Id = "Lms.Themes.Staff", Name = "Staff", Layout = "_StaffLayout", Description = "Learners' and managers' pages: calm, readable, works on a phone.")]
