using Lms.Framework.Modules;

[assembly: Theme(Id = "Lms.Themes.Admin", Name = "Admin", Layout = "_AdminLayout", IsAdminTheme = true, Description = "The admin area (CMS): menu at the side, dense tables, plain forms.")]
