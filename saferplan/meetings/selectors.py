"""What the meetings pages (and, later, reports) read, so that they all say the same."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import AgendaItem, Meeting, Paper, Recommendation


@dataclass
class TopicState:
    topic: object
    # covered, planned (for a meeting still to come), missed (its meeting passed without it),
    # unplanned (no meeting, or its meeting was cancelled)
    state: str
    covered_by: list = field(default_factory=list)

    @property
    def is_covered(self):
        return self.state == "covered"


def topic_coverage(terms, today):
    """Each topic of `terms` with its state: covered when an item of a held meeting took it up."""
    held_items = AgendaItem.objects.filter(meeting__status=Meeting.Status.HELD).select_related(
        "meeting"
    )
    topics = terms.topics.select_related("planned_meeting").prefetch_related(
        Prefetch("items", queryset=held_items, to_attr="held_items")
    )
    return [TopicState(topic, topic_state(topic, today), topic.held_items) for topic in topics]


def topic_state(topic, today):
    if topic.held_items:
        return "covered"
    meeting = topic.planned_meeting
    if meeting is None or meeting.status == Meeting.Status.CANCELLED:
        return "unplanned"
    if meeting.status == Meeting.Status.HELD or meeting.date < today:
        return "missed"
    return "planned"


def agenda(meeting, items=None, papers=None):
    """The items of `meeting` (or the given queryset of them) with their papers (or those of the
    given queryset), topic and recommendations, in agenda order."""
    items = meeting.items.all() if items is None else items
    papers = Paper.objects.all() if papers is None else papers
    recommendations = Recommendation.objects.select_related(
        "item__meeting__committee__partnership", "to_committee", "to_agency", "plan"
    )
    return list(
        items.select_related("topic").prefetch_related(
            # An issued report's version is named, not its document and HTML (~100 kB each).
            Prefetch(
                "papers",
                queryset=papers.select_related("plan", "issued_report").defer(
                    "issued_report__content", "issued_report__html"
                ),
            ),
            Prefetch("recommendations", queryset=recommendations),
        )
    )


def outstanding_for(meeting):
    """Recommendations of the committee's earlier meetings that are not yet settled: what this
    meeting should hear about."""
    return (
        Recommendation.objects.outstanding()
        .filter(item__meeting__committee=meeting.committee, item__meeting__date__lt=meeting.date)
        .for_register()
    )
