from django.urls import path

from . import views

app_name = "crime"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:table>.csv", views.download, name="download"),
    path("compared/", views.compare, name="compare"),
    path("compared/<slug:table>.csv", views.compare_download, name="compare_download"),
    path("import/", views.police_import, name="import"),
    path("loads/", views.police_loads, name="loads"),
]
