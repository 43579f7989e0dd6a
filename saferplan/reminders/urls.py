from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("settings/", views.reminder_settings, name="settings"),
    path("deadlines/<int:meeting_id>/", views.deadline, name="deadline"),
    path("emails/", views.emails, name="emails"),
    path("emails/<int:email_id>/", views.email, name="email"),
    path("emails/<int:email_id>/retry/", views.retry, name="retry"),
]
