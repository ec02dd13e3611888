using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ExternalSignIn;

/// <summary>Why single sign-on let nobody in, and what to do about it. Always a 403: the person is known to the provider, not to us.</summary>
[AllowAnonymous]
public sealed class ExternalSignInRefusedModel(IStringLocalizer<OrganizationStrings> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }
    public string Message { get; private set; } = "";
    public string WhatToDo { get; private set; } = "";

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        (Message, WhatToDo) = Reason switch
        {
            "unknown" => (T["This account is not on the staff roster, so it cannot be used to sign in here."].Value,
                T["If you are a member of staff, ask the system administrator to check your entry on the staff roster (employee number and e-mail address)."].Value),
            "inactive" => (T["This account cannot sign in: the staff roster shows it as no longer active."].Value,
                T["If you think this is a mistake, contact the system administrator."].Value),
            "no-account" => (T["You are on the staff roster but have no account on this site yet."].Value,
                T["Ask the system administrator to create your account."].Value),
            "locked" => (T["This account is locked for a while."].Value,
                T["Try again later or ask the system administrator."].Value),
            "no-claim" => (T["The sign-in service did not tell us who you are (your employee number or e-mail address was missing)."].Value,
                T["Contact the system administrator: the single sign-on settings need checking."].Value),
            _ => (T["Sign-in through the sign-in service did not complete."].Value,
                T["Try again from the sign-in page. If it keeps failing, sign in with your password or contact the system administrator."].Value),
        };
    }
}
