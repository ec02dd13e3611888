using Lms.Framework.Modules;

[assembly: Module(
    Id = "Lms.Notifications",
    Name = "Notifications",
    Description = "Reminder rules swept by Hangfire (due soon, overdue, inactive, workshop tomorrow, waiting-list seat), managers' weekly digest, an in-app inbox and e-mail through an outbox with retries, per-person preferences and quiet hours.",
    Category = "Learning")]
