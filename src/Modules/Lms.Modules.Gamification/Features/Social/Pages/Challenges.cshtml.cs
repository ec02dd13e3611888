using Lms.Framework.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Gamification.Features.Social.Pages;

/// <summary>The challenges of one's own department: live ones with progress per section, and the final result of recent ones.</summary>
[Authorize(Policy = "EarnBadges")]
public sealed class ChallengesModel(SocialBoards boards) : PageModel
{
    public Viewer Viewer { get; private set; } = new(null, true, false);

    public IReadOnlyList<ChallengeView> Challenges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Viewer = await boards.ViewerAsync(User, cancellationToken);
        Challenges = await boards.ChallengesAsync(Viewer, withEnded: true, english: !LmsCultures.IsJapanese, cancellationToken);
    }
}
