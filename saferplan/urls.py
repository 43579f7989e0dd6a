from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from saferplan.accounts.forms import NewPasswordForm, ResetPasswordForm, SignInForm
from saferplan.api import views as api_views
from saferplan.api.api import api
from saferplan.crime import views as crime_views
from saferplan.reminders import views as reminders_views

handler500 = "saferplan.ui.errors.server_error"

account_urls = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=ResetPasswordForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("emails/", reminders_views.preferences, name="email_preferences"),
    path("api-tokens/new/", api_views.token_new, name="api_token_new"),
    path("api-tokens/<int:token_id>/revoke/", api_views.token_revoke, name="api_token_revoke"),
    path("", include("saferplan.accounts.urls")),
]

urlpatterns = [
    path("account/", include(account_urls)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("data/police/", crime_views.police_data, name="police_data"),
    path("p/<slug:slug>/funding/", include("saferplan.funding.urls")),
    path("p/<slug:slug>/reports/", include("saferplan.reports.urls")),
    path("p/<slug:slug>/meetings/", include("saferplan.meetings.urls")),
    path("p/<slug:slug>/reminders/", include("saferplan.reminders.urls")),
    path("p/<slug:slug>/jobs/", include("saferplan.jobs.urls")),
    path("p/<slug:slug>/crime/", include("saferplan.crime.urls")),
    path("p/<slug:slug>/assessment/", include("saferplan.assessment.urls")),
    path("p/<slug:slug>/registers/", include("saferplan.registers.urls")),
    path("", include("saferplan.partnerships.urls")),
    path("p/<slug:slug>/plan/", include("saferplan.plans.urls")),
    path("p/<slug:slug>/public/", include("saferplan.api.urls")),
]
