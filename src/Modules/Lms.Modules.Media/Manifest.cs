using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Media",
    Name = "Media",
    Description = "The media library: images (PNG, JPEG, WebP, sanitised SVG) and PDFs that courses, badges and certificates refer to by URL.",
    Category = "Content")]
