"""Changes that reach beyond the meetings app: a committee's recommendation on the draft plan
becomes a consultation comment on it (plans app)."""

from django.db import transaction
from django.utils import timezone

from saferplan.plans.models import Comment

from .models import Recommendation

ABOUT_THE_WHOLE_PLAN = "The plan as a whole"


@transaction.atomic
def record_recommendation(*, recommendation, by):
    """Check and save a new decision or recommendation (ValidationError: nothing is saved).

    One on the draft plan is also put to the plan's consultation as a comment, from the
    committee, recorded by `by`; the plan cannot be adopted until the coordinator answers it,
    and the answer becomes the recommendation's response. Both are saved, or neither.
    """
    recommendation.full_clean()
    recommendation.save()
    if recommendation.kind == Recommendation.Kind.PLAN:
        meeting = recommendation.item.meeting
        recommendation.comment = Comment.objects.create(
            plan=recommendation.plan,
            about=ABOUT_THE_WHOLE_PLAN,
            author=by,
            body=recommendation.text,
            # The committee made it at the meeting, whenever it is recorded.
            created=min(meeting.start_datetime, timezone.now()),
        )
        recommendation.save(update_fields=["comment"])
    return recommendation
