using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Gamification.Features.Social.Pages;

/// <summary>
/// 「チームの進み具合」: departments ranked by Step-0 completion, the sections of one's own department, and, for
/// those who joined, one's own rank among colleagues. Takes no parameter: everyone sees it from where they sit.
/// </summary>
[Authorize(Policy = "EarnBadges")]
public sealed class TeamLeaderboardModel(SocialBoards boards) : PageModel
{
    public Viewer Viewer { get; private set; } = new(null, true, false);

    public LeaderboardView? Board { get; private set; }

    public RankView? Rank { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Viewer = await boards.ViewerAsync(User, cancellationToken);
        if (!Viewer.DisplaysEnabled)
        {
            return;
        }

        Board = await boards.LeaderboardAsync(Viewer, cancellationToken);
        Rank = await boards.RankAsync(Viewer, cancellationToken);
    }
}
