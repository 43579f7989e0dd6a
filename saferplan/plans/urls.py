from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plans, name="plan"),
    path("new/", views.plan_new, name="plan_new"),
    path("import/", views.plan_import, name="import"),
    path("import/template/", views.plan_import_template, name="import_template"),
    path("mine/", views.my_actions, name="mine"),
    path("settings/", views.plan_settings, name="settings"),
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/new/", views.objective_edit, name="objective_new"),
    path("objectives/<int:objective_id>/", views.objective_edit, name="objective_edit"),
    path("case-studies/", views.case_studies, name="case_studies"),
    path("case-studies/new/", views.case_study_edit, name="case_study_new"),
    path("case-studies/<int:study_id>/", views.case_study, name="case_study"),
    path("case-studies/<int:study_id>/edit/", views.case_study_edit, name="case_study_edit"),
    path("actions/<int:action_id>/", views.action, name="action"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("evidence/<int:evidence_id>/", views.evidence, name="evidence"),
    path("comments/<int:comment_id>/answer/", views.comment_answer, name="comment_answer"),
    path("<int:year>/", views.plan_detail, name="detail"),
    path("<int:year>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:year>/stage/", views.plan_stage, name="stage"),
    path("<int:year>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:year>/progress/", views.progress, name="progress"),
    path("<int:year>/chase/", views.chase, name="chase"),
    path("<int:year>/chase/email/", views.chase_email, name="chase_email"),
    path("<int:year>/objectives/", views.coverage, name="coverage"),
    path("<int:year>/consultation/", views.consultation, name="consultation"),
    path("<int:year>/changes/", views.changes, name="changes"),
    path("<int:year>/close/", views.plan_close, name="close"),
    path("<int:year>/roll-forward/", views.roll_forward, name="roll_forward"),
    path("<int:year>/export/", views.export, name="export"),
    path("<int:year>/priorities/new/", views.priority_edit, name="priority_new"),
    path("<int:year>/priorities/<int:priority_id>/", views.priority_edit, name="priority_edit"),
    path("<int:year>/issues/new/", views.issue_edit, name="issue_new"),
    path("<int:year>/issues/<int:issue_id>/", views.issue_edit, name="issue_edit"),
    path("<int:year>/actions/new/", views.action_new, name="action_new"),
]
