using FluentValidation;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Features.IssueToken;

/// <summary>POST /api/v1/auth/token: exchanges a user name and password for a bearer token.</summary>
internal static class IssueToken
{
    public sealed record Command(string? UserName, string? Password) : IRequest<Result>;

    public sealed record Token(string AccessToken, DateTimeOffset ExpiresAt);

    public sealed record Result(Token? Token, bool LockedOut);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<OrganizationStrings> T)
        {
            RuleFor(c => c.UserName).NotEmpty().WithMessage(_ => T["Enter the user name (employee number or e-mail)."]);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => T["Enter the password."]);
        }
    }

    internal sealed class Handler(
        AccountLookup lookup,
        SignInManager<LmsUser> signIn,
        IUserClaimsPrincipalFactory<LmsUser> claims,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await lookup.FindAsync(request.UserName!, cancellationToken);
            if (user is null)
            {
                return new Result(null, false);
            }

            // Same lockout and active-staff rules as the sign-in page.
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                return new Result(null, check.IsLockedOut);
            }

            var options = bearerOptions.Get(IdentityConstants.BearerScheme);
            var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
            var principal = await claims.CreateAsync(user);
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
            return new Result(new Token(options.BearerTokenProtector.Protect(ticket), expiresAt), false);
        }
    }
}
