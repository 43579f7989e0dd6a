from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "saferplan.meetings"
    verbose_name = "Meetings and governance"
