using Lms.Framework;
using Lms.Framework.Cli;

// `dotnet run -- jobs list` and the like: command words first, configuration switches after.
var (command, hostArgs) = LmsCommandLine.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddLmsPlatform(isCommand: command.Length > 0);
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseLmsPlatform();
app.MapOpenApi().AllowAnonymous();

return await app.RunLmsAsync(command);
