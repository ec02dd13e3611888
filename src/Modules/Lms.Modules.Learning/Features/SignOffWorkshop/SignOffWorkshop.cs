using Lms.Modules.Learning.Features.Learn;
using MediatR;

namespace Lms.Modules.Learning.Features.SignOffWorkshop;

/// <summary>
/// A facilitator confirms that these people took part in a workshop: the workshop activity is complete
/// for each (once, whatever the repeats). Attendance is a fact, so it counts even where the course's
/// order would still have the activity locked. People not enrolled in the course are skipped.
/// </summary>
internal sealed record SignOffWorkshop(Guid ActivityId, IReadOnlyCollection<Guid> StaffIds, DateTimeOffset? At = null) : IRequest<int>;

internal sealed class SignOffWorkshopHandler(LearnerCourses courses, CompletionRecorder recorder, TimeProvider clock) : IRequestHandler<SignOffWorkshop, int>
{
    /// <returns>How many people's workshop was newly completed.</returns>
    public async Task<int> Handle(SignOffWorkshop request, CancellationToken cancellationToken)
    {
        var at = request.At ?? clock.GetUtcNow();
        var signedOff = 0;
        foreach (var staffId in request.StaffIds.Distinct())
        {
            var learner = await courses.FindByActivityAsync(staffId, request.ActivityId, cancellationToken);
            if (learner?.Course.FindActivity(request.ActivityId) is { Workshop: not null } activity
                && (await recorder.RecordAsync(learner, activity, at, null, CancellationToken.None)).Recorded)
            {
                signedOff++;
            }
        }

        return signedOff;
    }
}
