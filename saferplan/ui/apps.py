from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "saferplan.ui"
    verbose_name = "User interface"
