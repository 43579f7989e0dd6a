from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "saferplan.partnerships"
