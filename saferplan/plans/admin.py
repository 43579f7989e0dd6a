from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Plan,
    PlanSettings,
    Priority,
    ProgressUpdate,
)

for model in [
    Plan,
    Priority,
    EmergingIssue,
    Action,
    Comment,
    CaseStudy,
    CorporateObjective,
    PlanSettings,
]:
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Progress updates are append-only: the admin can read them, not change them."""

    list_display = ["action", "status", "recorded_by", "recorded_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
