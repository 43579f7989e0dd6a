from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("committees/new/", views.committee_new, name="committee_new"),
    path("committees/<int:committee_id>/", views.committee, name="committee"),
    path("committees/<int:committee_id>/edit/", views.committee_edit, name="committee_edit"),
    path("committees/<int:committee_id>/members/new/", views.member_add, name="member_add"),
    path(
        "committees/<int:committee_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "committees/<int:committee_id>/members/<int:member_id>/chair/",
        views.member_chair,
        name="member_chair",
    ),
    path("committees/<int:committee_id>/terms/new/", views.terms_new, name="terms_new"),
    path("terms/<int:terms_id>/", views.terms, name="terms"),
    path("terms/<int:terms_id>/edit/", views.terms_edit, name="terms_edit"),
    path("terms/<int:terms_id>/topics/new/", views.topic_add, name="topic_add"),
    path("topics/<int:topic_id>/edit/", views.topic_edit, name="topic_edit"),
    path("new/", views.meeting_new, name="meeting_new"),
    path("<int:meeting_id>/", views.meeting, name="meeting"),
    path("<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path("<int:meeting_id>/items/new/", views.item_add, name="item_add"),
    path("items/<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:item_id>/papers/new/", views.paper_upload, name="paper_upload"),
    path("items/<int:item_id>/papers/link/", views.paper_link, name="paper_link"),
    path(
        "items/<int:item_id>/recommendations/new/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path("papers/<int:paper_id>/", views.paper, name="paper"),
    path("recommendations/", views.register, name="register"),
    path(
        "recommendations/<int:recommendation_id>/",
        views.recommendation,
        name="recommendation",
    ),
    path("attendance/", views.my_attendance, name="my_attendance"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/address/", views.calendar_address, name="calendar_address"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:meeting_id>/", views.public_meeting, name="public_meeting"),
    path("public/papers/<int:paper_id>/", views.public_paper, name="public_paper"),
]
