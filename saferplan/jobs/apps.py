from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "saferplan.jobs"
    verbose_name = "Background work"
