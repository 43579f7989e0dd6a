from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", views.partnership, name="partnership"),
    path("p/<slug:slug>/people/", views.people, name="people"),
    path("p/<slug:slug>/people/invite/", views.invite, name="invite"),
    path("p/<slug:slug>/people/<int:person_id>/", views.person, name="person"),
    path(
        "p/<slug:slug>/people/<int:person_id>/resend/",
        views.resend_invitation,
        name="resend_invitation",
    ),
    path("p/<slug:slug>/people/<int:person_id>/remove/", views.remove_person, name="remove_person"),
    path(
        "p/<slug:slug>/people/<int:person_id>/unlock/",
        views.unlock_sign_in,
        name="unlock_sign_in",
    ),
    path("invitation/<str:uidb64>/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
