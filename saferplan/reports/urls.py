from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("<int:report_id>/", views.report, name="report"),
    path("<int:report_id>/edit/", views.report_edit, name="edit"),
    path("<int:report_id>/issue/", views.report_issue, name="issue"),
    path(
        "<int:report_id>/draft.docx", views.draft_file, {"file_format": "docx"}, name="draft_docx"
    ),
    path("<int:report_id>/draft.pdf", views.draft_file, {"file_format": "pdf"}, name="draft_pdf"),
    path("issued/<int:issued_id>/", views.issued, name="issued"),
    path(
        "issued/<int:issued_id>/report.docx",
        views.issued_file,
        {"field": "docx"},
        name="issued_docx",
    ),
    path(
        "issued/<int:issued_id>/report.pdf", views.issued_file, {"field": "pdf"}, name="issued_pdf"
    ),
]
