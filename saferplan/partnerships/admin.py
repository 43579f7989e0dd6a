from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from simple_history.admin import SimpleHistoryAdmin

from saferplan.accounts import lockout, two_factor

from .models import Agency, Partnership, PartnershipAgency, PartnershipDistrict, Person, Role


class PartnershipDistrictInline(admin.TabularInline):
    model = PartnershipDistrict
    extra = 0


class PartnershipAgencyInline(admin.TabularInline):
    model = PartnershipAgency
    extra = 0


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "is_sample"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnershipDistrictInline, PartnershipAgencyInline]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_responsible_authority"]
    list_filter = ["kind", "is_responsible_authority"]
    search_fields = ["name"]


class PersonCreationForm(BaseUserCreationForm):
    class Meta:
        model = Person
        fields = ["email", "name", "agency"]


@admin.register(Person)
class PersonAdmin(UserAdmin, SimpleHistoryAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "agency", "is_active", "is_staff"]
    list_filter = ["agency", "is_active", "is_staff"]
    search_fields = ["name", "email"]
    inlines = [RoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["name", "job_title", "phone", "agency"]}),
        ("Site administration", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_form = PersonCreationForm
    add_fieldsets = [(None, {"fields": ["email", "name", "agency", "password1", "password2"]})]
    actions = ["unlock_sign_in", "turn_off_two_factor"]

    @admin.action(description="Let them sign in now (forget their wrong passwords)")
    def unlock_sign_in(self, request, queryset):
        for person in queryset:
            lockout.unlock(person)
        self.message_user(request, f"{len(queryset)} people can sign in again.")

    @admin.action(description="Turn off two-factor sign-in (lost phone and recovery codes)")
    def turn_off_two_factor(self, request, queryset):
        for person in queryset:
            two_factor.turn_off(person)
        self.message_user(
            request,
            f"Two-factor sign-in is off for {len(queryset)} people; those whose role needs it "
            "set it up again when they next sign in.",
        )
