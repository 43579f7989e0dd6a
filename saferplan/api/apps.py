from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "saferplan.api"
    verbose_name = "Public page and API"
