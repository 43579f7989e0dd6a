from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "saferplan.plans"
    verbose_name = "Plans, priorities and actions"
