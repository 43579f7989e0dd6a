from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    Paper,
    Recommendation,
    RecommendationUpdate,
    TermsOfReference,
    Topic,
)


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "kind", "meets_in_public"]
    list_filter = ["partnership", "kind"]
    inlines = [MemberInline]


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


@admin.register(TermsOfReference)
class TermsAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "year", "agreed_on"]
    inlines = [TopicInline]


class ItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "date", "starts", "status", "agenda_status"]
    list_filter = ["committee__partnership", "status"]
    inlines = [ItemInline]


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "uploaded"]


class UpdateInline(admin.TabularInline):
    model = RecommendationUpdate
    extra = 0
    # Append-only: statuses move through Recommendation.record_response.
    readonly_fields = ["status", "response", "reported_at", "recorded_by", "recorded"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text", "kind", "made_to", "due", "status"]
    list_filter = ["status", "kind", "made_to"]
    # A plan is linked, with its consultation comment, only through record_recommendation.
    readonly_fields = ["status", "response", "plan", "comment"]
    inlines = [UpdateInline]
