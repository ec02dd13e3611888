using Lms.Modules.Media.Storage;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Configuration;

namespace Lms.Modules.Media.Features.ManageMedia;

/// <summary>The library: upload several files at once, browse them by kind and name.</summary>
[Authorize(Policy = "ManageMedia")]
public sealed class MediaModel(IMediator mediator, IStringLocalizer<MediaStrings> T, IConfiguration configuration) : PageModel
{
    internal MediaPage Files { get; private set; } = new([], 1, ListMedia.DefaultPageSize, 0);
    [TempData] public string? Saved { get; set; }
    /// <summary>One refusal per line (TempData keeps strings).</summary>
    [TempData] public string? Refusals { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Refused { get; set; }

    internal string MaxMegabytes => Limits.MaxUploadMegabytes;
    internal int MaxFiles => Limits.MaxFilesPerUpload;
    private MediaOptions Limits => configuration.GetSection(MediaOptions.Section).Get<MediaOptions>() ?? new MediaOptions();

    internal IEnumerable<string> RefusalLines => (Refusals ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Concat(Refused == "too-large" ? [T["The upload is too large. Each file can be up to {0} MB, and at most {1} files can be sent at once.", MaxMegabytes, MaxFiles].Value] : []);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Files = await mediator.Send(new ListMedia(Kind, Q, PageNumber), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var files = Request.HasFormContentType ? Request.Form.Files.GetFiles("files") : [];
        var refusals = new List<string>();
        var uploaded = 0;
        if (files.Count == 0)
        {
            refusals.Add(T["Choose one or more files to upload."]);
        }
        else if (files.Count > MaxFiles)
        {
            refusals.Add(T["At most {0} files can be uploaded at once.", MaxFiles]);
        }
        else
        {
            foreach (var file in files)
            {
                await using var content = file.OpenReadStream();
                var result = await mediator.Send(new UploadMedia.UploadMedia(file.FileName, content, file.Length, null, User.Identity?.Name ?? "?"), cancellationToken);
                if (result.Succeeded)
                {
                    uploaded++;
                }
                else
                {
                    refusals.Add(result.Error!);
                }
            }
        }

        Saved = uploaded > 0 ? T["{0} file(s) uploaded. Add alternative text to images so that screen readers can describe them.", uploaded].Value : null;
        Refusals = refusals.Count > 0 ? string.Join('\n', refusals) : null;
        return RedirectToPage();
    }
}
