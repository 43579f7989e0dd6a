from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.public_page, name="page"),
    path("<slug:table>.csv", views.public_download, name="download"),
    path("publish/", views.publish, name="publish"),
]
